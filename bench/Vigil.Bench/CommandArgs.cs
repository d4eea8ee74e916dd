using System.Globalization;

namespace Vigil.Bench;

/// <summary>
/// Hand-written parser for <c>--name value</c> and <c>--flag</c> options; the first bare word is the command.
/// </summary>
internal sealed class CommandArgs
{
    private static readonly HashSet<string> Flags = ["print-config", "help", "at-once"];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandArgs(string command) => Command = command;

    public string Command { get; }

    public static CommandArgs Parse(IReadOnlyList<string> args)
    {
        var result = new CommandArgs(args.Count > 0 ? args[0] : "help");
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                result._values[name[..eq]] = name[(eq + 1)..];
            }
            else if (Flags.Contains(name))
            {
                result._values[name] = "true";
            }
            else if (i + 1 < args.Count)
            {
                result._values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"option --{name} needs a value");
            }
        }

        return result;
    }

    public bool Has(string name)
    {
        _used.Add(name);
        return _values.ContainsKey(name);
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Required(string name) =>
        String(name) ?? throw new ArgumentException($"option --{name} is required for '{Command}'");

    public int Int(string name, int fallback)
    {
        var value = String(name);
        return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Fails on options the command never asked for, so a typo does not silently use a default.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option(s) for '{Command}': {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }
}
