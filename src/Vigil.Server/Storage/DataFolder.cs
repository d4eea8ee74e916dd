using Microsoft.Extensions.Logging;

namespace Vigil.Server.Storage;

/// <summary>
/// The data folder holds the SQLite database (and in it the keys that sign links), the admin token and the server's
/// URL, so only its owner may read it: the folder is created 0700 and the files in it 0600 (SQLite gives its
/// <c>-wal</c> and <c>-shm</c> files the database file's mode). A folder made by an older version or by hand is
/// tightened at start (group and other permissions removed from it and everything in it), and the server warns,
/// naming each path it fixed. Nothing is done on Windows, where the folder inherits its parent's ACL.
/// </summary>
public static partial class DataFolder
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="dir"/> owner-only, or tightens it and its content. Returns what was changed
    /// (e.g. <c>data/vigil.db (0644 → 0600)</c>), or could not be, for <see cref="LogTightened"/>.</summary>
    public static IReadOnlyList<string> Secure(string dir)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir);
            return [];
        }
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir, OwnerFolder);
            return [];
        }
        var fixes = new List<string>();
        TightenTree(new DirectoryInfo(dir), fixes);
        return fixes;
    }

    /// <summary>Creates <paramref name="path"/> empty with mode 0600 unless it exists (so SQLite opens a file only its owner can read).</summary>
    public static void CreateOwnerOnlyFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }
        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; Secure tightens it at that process's start.
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, readable by the owner only.</summary>
    public static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }
        await using (var file = new StreamWriter(path, options))
        {
            await file.WriteAsync(text.AsMemory(), ct);
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            File.SetUnixFileMode(path, OwnerFile); // an existing file keeps its mode on open
        }
    }

    /// <summary>Logs one warning naming every path <see cref="Secure"/> changed, and what to do about keys that may have been read.</summary>
    public static void LogTightened(ILogger logger, string dir, IReadOnlyList<string> fixes)
    {
        if (fixes.Count > 0)
        {
            LogModesFixed(logger, Path.GetFullPath(dir), string.Join("; ", fixes));
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TightenTree(DirectoryInfo dir, List<string> fixes)
    {
        TightenEntry(dir, fixes);
        foreach (var entry in dir.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue; // a symbolic link's own mode means nothing; what it points at is not ours to change
            }
            if (entry is DirectoryInfo sub)
            {
                TightenTree(sub, fixes);
            }
            else
            {
                TightenEntry(entry, fixes);
            }
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TightenEntry(FileSystemInfo entry, List<string> fixes)
    {
        try
        {
            var mode = entry.UnixFileMode;
            if ((mode & GroupOrOther) == 0)
            {
                return;
            }
            var tightened = mode & ~GroupOrOther;
            entry.UnixFileMode = tightened;
            fixes.Add($"{entry.FullName} ({Octal(mode)} → {Octal(tightened)})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            fixes.Add($"{entry.FullName} (could not change its mode: {e.Message})");
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');

    [LoggerMessage(Level = LogLevel.Warning, Message = "The data folder {Dir} was open to other users; made owner-only: {Fixes}. " +
        "Anyone who read the database could sign links: run `vigil secrets rotate` to replace the link-signing keys.")]
    private static partial void LogModesFixed(ILogger logger, string dir, string fixes);
}
