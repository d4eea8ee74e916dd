namespace Vigil.Server.Config;

/// <summary>
/// A configuration that cannot be loaded. The message names the file, the line and the key path
/// (<c>vigil.yaml:12: route.routes[0].group_wait: not a valid duration string: "5x"</c>) so an
/// operator can fix the file without guessing; the old configuration stays in force on reload.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, int line, string key, string reason)
        : base(Format(file, line, key, reason))
    {
        File = file;
        Line = line;
        Key = key;
        Reason = reason;
    }

    public ConfigException(string file, int line, string key, string reason, Exception inner)
        : base(Format(file, line, key, reason), inner)
    {
        File = file;
        Line = line;
        Key = key;
        Reason = reason;
    }

    /// <summary>The source name given to the loader (a path, or "built-in example").</summary>
    public string File { get; }

    /// <summary>1-based line of the offending node; 0 when the error has no position (an unreadable file).</summary>
    public int Line { get; }

    /// <summary>Dotted key path such as <c>receivers[0].webhook_configs[1].url</c>; empty for document-level errors.</summary>
    public string Key { get; }

    /// <summary>The message without the file, line and key prefix.</summary>
    public string Reason { get; }

    private static string Format(string file, int line, string key, string reason)
    {
        var position = line > 0 ? $"{file}:{line}" : file;
        return key.Length > 0 ? $"{position}: {key}: {reason}" : $"{position}: {reason}";
    }
}
