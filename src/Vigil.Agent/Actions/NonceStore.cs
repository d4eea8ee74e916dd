using System.Globalization;
using System.Text;

namespace Vigil.Agent.Actions;

/// <summary>
/// The nonces this agent accepted, each kept until its request expires (plus a minute for clock steps), in memory and
/// in a file under the state folder, so a request replayed after a restart is refused too. A nonce is written and
/// flushed to disk before the agent acts on it; when that fails, the agent does not act (fail closed).
/// </summary>
internal sealed class NonceStore
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    private readonly string _path;
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _linesInFile;

    private NonceStore(string path) => _path = path;

    /// <summary>Where the nonces live under a state folder.</summary>
    public static string PathIn(string stateDir) => Path.Join(stateDir, "action-nonces");

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Loads the nonces still held at <paramref name="now"/> (creating the folder and file) and drops the rest from the file.</summary>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file is not ours to write.</exception>
    public static NonceStore Open(string path, DateTimeOffset now)
    {
        var store = new NonceStore(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                // A torn last line (a crash mid-write) is skipped: its request was never acted on.
                var parts = line.Split(' ');
                if (parts.Length == 2 && parts[0].Length > 0
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                    && DateTimeOffset.FromUnixTimeMilliseconds(ms) is var keep && keep > now)
                {
                    store._seen[parts[0]] = keep;
                }
            }
        }
        store.Rewrite();
        return store;
    }

    /// <summary>
    /// Records <paramref name="nonce"/> (durably) and returns true when it was never accepted; false when it was.
    /// </summary>
    /// <exception cref="IOException">The nonce could not be written; it must not be acted on.</exception>
    public bool TryAccept(string nonce, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (nonce.Length == 0 || nonce.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("a nonce is non-empty and has no spaces", nameof(nonce));
        }
        lock (_lock)
        {
            if (_seen.TryGetValue(nonce, out var keep) && keep > now)
            {
                return false;
            }
            foreach (var gone in _seen.Where(p => p.Value <= now).Select(p => p.Key).ToList())
            {
                _seen.Remove(gone);
            }
            var until = expiresAt + Margin;
            if (_linesInFile > 2 * _seen.Count + 100)
            {
                _seen[nonce] = until;
                Rewrite();
                return true;
            }
            using (var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                file.Write(Encoding.UTF8.GetBytes(Line(nonce, until)));
                file.Flush(flushToDisk: true);
            }
            _seen[nonce] = until;
            _linesInFile++;
            return true;
        }
    }

    /// <summary>Writes the live nonces to a new file and renames it over the old one (atomic on POSIX).</summary>
    private void Rewrite()
    {
        var temp = _path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.UTF8.GetBytes(string.Concat(_seen.Select(p => Line(p.Key, p.Value)))));
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, _path, overwrite: true);
        _linesInFile = _seen.Count;
    }

    private static string Line(string nonce, DateTimeOffset keep) =>
        string.Create(CultureInfo.InvariantCulture, $"{nonce} {keep.ToUnixTimeMilliseconds()}\n");
}
