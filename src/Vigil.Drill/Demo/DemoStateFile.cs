using System.Text.Json;

namespace Vigil.Drill.Demo;

/// <summary>What a running demo tells <c>vigil demo fault</c>: its control endpoint and token, its server, its pid.</summary>
internal sealed record DemoState(string ControlUrl, string ControlToken, string ServerUrl, int Pid);

/// <summary>
/// The running demo's state file, in a per-user place (<c>$VIGIL_DEMO_STATE</c>, else
/// <c>~/.local/share/vigil/demo.json</c>), owner-only, removed when the demo stops.
/// </summary>
internal static class DemoStateFile
{
    public static string DefaultPath()
    {
        if (Environment.GetEnvironmentVariable("VIGIL_DEMO_STATE") is { Length: > 0 } path)
        {
            return path;
        }
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(data.Length > 0 ? data : Path.GetTempPath(), "vigil", "demo.json");
    }

    public static void Write(string path, DemoState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new FileStream(path, options);
        JsonSerializer.Serialize(file, state);
    }

    /// <summary>The state, or null when no demo runs (no file, or not readable as one).</summary>
    public static DemoState? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<DemoState>(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the file if it is still this process's (a second demo may have taken the place since).</summary>
    public static void Remove(string path, int pid)
    {
        if (Read(path) is { } state && state.Pid == pid)
        {
            File.Delete(path);
        }
    }
}
