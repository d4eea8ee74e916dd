using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Agent.Actions;
using Vigil.Agent.Commands;
using Vigil.Contracts.Agents;
using Vigil.Agent.Disk;
using Vigil.Agent.Processes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Agent.Config;

/// <summary>Reads agent.yaml; unknown keys and bad values are refused with file, line and key.</summary>
internal sealed class AgentConfigReader
{
    private readonly string _file;

    private AgentConfigReader(string file) => _file = file;

    public static AgentConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigException($"{path}: cannot read the agent configuration: {e.Message}");
        }
        return Load(text, path);
    }

    public static AgentConfig Load(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new AgentConfigException($"{file}:{e.Start.Line}: invalid YAML: {e.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode)
        {
            return new AgentConfig();
        }
        return new AgentConfigReader(file).Read(stream.Documents[0].RootNode);
    }

    private AgentConfig Read(YamlNode root)
    {
        var top = Map(root, "", "host", "interval", "mounts", "systemd", "processes", "network", "disk", "commands", "actions", "server_key", "state_dir");
        var config = new AgentConfig
        {
            Host = Scalar(top, "host"),
            Interval = Duration(top, "interval", "interval") ?? TimeSpan.FromSeconds(10),
        };
        if (config.Interval < TimeSpan.FromMilliseconds(100))
        {
            throw Error(top["interval"], "interval", "must be at least 100ms");
        }
        if (top.TryGetValue("mounts", out var mountsNode))
        {
            var m = Map(mountsNode, "mounts", "enabled", "ignore");
            config = config with
            {
                Mounts = Bool(m, "enabled", "mounts.enabled") ?? true,
                IgnoreMounts = Strings(m, "ignore", "mounts.ignore").ToHashSet(StringComparer.Ordinal),
            };
        }
        if (top.TryGetValue("systemd", out var systemdNode))
        {
            var s = Map(systemdNode, "systemd", "enabled", "failed_units_file", "state_file");
            config = config with
            {
                Systemd = Bool(s, "enabled", "systemd.enabled") ?? true,
                SystemdFailedUnitsFile = Scalar(s, "failed_units_file"),
                SystemdStateFile = Scalar(s, "state_file"),
            };
        }
        if (top.TryGetValue("network", out var networkNode))
        {
            var n = Map(networkNode, "network", "default_route", "listen");
            config = config with
            {
                DefaultRoute = Bool(n, "default_route", "network.default_route") ?? true,
                ListenPorts = [.. Strings(n, "listen", "network.listen").Select((p, i) =>
                    int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                        ? port : throw Error(n["listen"], $"network.listen[{i}]", $"not a TCP port: '{p}'"))],
            };
        }
        config = config with
        {
            Processes = [.. Items(top, "processes").Select((node, i) => ReadProcess(node, $"processes[{i}]"))],
            Disks = [.. Items(top, "disk").Select((node, i) => ReadDisk(node, $"disk[{i}]"))],
            Commands = [.. Items(top, "commands").Select((node, i) => ReadCommand(node, $"commands[{i}]"))],
        };
        return ReadActions(top, config);
    }

    private AgentConfig ReadActions(Dictionary<string, YamlNode> top, AgentConfig config)
    {
        var keys = top.TryGetValue("server_key", out var keyNode) && keyNode is YamlSequenceNode
            ? Strings(top, "server_key", "server_key")
            : Scalar(top, "server_key") is { } one ? [one] : [];
        for (var i = 0; i < keys.Count; i++)
        {
            using var key = ActionSigning.ImportPublicKey(keys[i]);
            if (key is null)
            {
                throw Error(top["server_key"], keys.Count == 1 ? "server_key" : $"server_key[{i}]", "not a server action key (base64 of a P-256 public key, as `vigil agent key` prints it)");
            }
        }
        var stateDir = Scalar(top, "state_dir") ?? config.StateDir;
        if (!stateDir.StartsWith('/'))
        {
            throw Error(top["state_dir"], "state_dir", "must be absolute");
        }
        var actions = new List<ActionSpec>();
        if (top.TryGetValue("actions", out var actionsNode) && actionsNode is not YamlScalarNode { Value: null or "" })
        {
            if (actionsNode is not YamlMappingNode mapping)
            {
                throw Error(actionsNode, "actions", "expected a mapping of name: command (e.g. reboot: [systemctl, reboot])");
            }
            foreach (var (k, v) in mapping.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "";
                if (!ActionNames.IsValid(name))
                {
                    throw Error(k, "actions." + name, "an action name is " + ActionNames.Rule);
                }
                actions.Add(ReadAction(name, v, "actions." + name));
            }
        }
        if (actions.Count > 0 && keys.Count == 0)
        {
            throw Error(actionsNode!, "server_key", "is required with actions: the server's action key, printed by `vigil agent token create` and `vigil agent key`");
        }
        return config with { Actions = actions, ServerKeys = keys, StateDir = stateDir };
    }

    private ActionSpec ReadAction(string name, YamlNode node, string path)
    {
        if (node is not YamlMappingNode)
        {
            return new ActionSpec(name, ReadRun(node, path), ActionSpec.DefaultTimeout);
        }
        var m = Map(node, path, "run", "timeout");
        if (!m.TryGetValue("run", out var run))
        {
            throw Error(node, path + ".run", "is required (a list: program and arguments, or a string run by /bin/sh -c)");
        }
        return new ActionSpec(name, ReadRun(run, path + ".run"), Duration(m, "timeout", path + ".timeout") ?? ActionSpec.DefaultTimeout);
    }

    /// <summary>A command as <c>commands:</c> and <c>actions:</c> write it: a list (no shell) or a string for /bin/sh -c.</summary>
    private IReadOnlyList<string> ReadRun(YamlNode run, string path)
    {
        IReadOnlyList<string> argv = run switch
        {
            YamlScalarNode s => ["/bin/sh", "-c", s.Value ?? ""],
            YamlSequenceNode seq => [.. seq.Children.Select(i => i is YamlScalarNode { Value: { } v } ? v : throw Error(i, path, "expected a list of strings"))],
            _ => throw Error(run, path, "expected a list (program and arguments) or a string (run by /bin/sh -c)"),
        };
        if (argv.Count == 0 || argv[0].Length == 0)
        {
            throw Error(run, path, "is empty");
        }
        return argv;
    }

    private ProcessSpec ReadProcess(YamlNode node, string path)
    {
        var m = Map(node, path, "name", "comm", "cmdline", "min", "max");
        var name = Scalar(m, "name") ?? throw Error(node, path + ".name", "is required");
        var comm = Scalar(m, "comm");
        Regex? cmdline = null;
        if (Scalar(m, "cmdline") is { } pattern)
        {
            try
            {
                cmdline = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw Error(m["cmdline"], path + ".cmdline", $"invalid regular expression: {e.Message}");
            }
        }
        if (comm is null && cmdline is null)
        {
            throw Error(node, path, "needs comm or cmdline");
        }
        var min = Int(m, "min", path + ".min") ?? 1;
        var max = Int(m, "max", path + ".max");
        if (max is { } mx && mx < min)
        {
            throw Error(m["max"], path + ".max", "is below min");
        }
        return new ProcessSpec(name, comm, cmdline, min, max);
    }

    private DiskSpec ReadDisk(YamlNode node, string path)
    {
        var m = Map(node, path, "path", "max_used_percent");
        var p = Scalar(m, "path") ?? throw Error(node, path + ".path", "is required");
        var text = Scalar(m, "max_used_percent") ?? "90";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var max) || max is <= 0 or > 100)
        {
            throw Error(m.GetValueOrDefault("max_used_percent", node), path + ".max_used_percent", $"must be a percentage in (0, 100], got '{text}'");
        }
        return new DiskSpec(p.StartsWith('/') ? p : throw Error(m["path"], path + ".path", "must be absolute"), max);
    }

    private CommandSpec ReadCommand(YamlNode node, string path)
    {
        var m = Map(node, path, "name", "run", "timeout");
        var name = Scalar(m, "name") ?? throw Error(node, path + ".name", "is required");
        if (!m.TryGetValue("run", out var run))
        {
            throw Error(node, path + ".run", "is required (a list: program and arguments, or a string run by /bin/sh -c)");
        }
        var argv = ReadRun(run, path + ".run");
        var timeout = Duration(m, "timeout", path + ".timeout") ?? TimeSpan.FromSeconds(10);
        return new CommandSpec(name, argv, timeout);
    }

    private Dictionary<string, YamlNode> Map(YamlNode node, string path, params string[] known)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, path, "expected a mapping");
        }
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (k, v) in mapping.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(key))
            {
                throw Error(k, path.Length == 0 ? key : path + "." + key, $"unknown key (known: {string.Join(", ", known)})");
            }
            result[key] = v;
        }
        return result;
    }

    private static string? Scalar(Dictionary<string, YamlNode> map, string key) =>
        map.TryGetValue(key, out var n) && n is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;

    private IReadOnlyList<YamlNode> Items(Dictionary<string, YamlNode> map, string key) =>
        !map.TryGetValue(key, out var n) || n is YamlScalarNode { Value: null or "" } ? []
        : n is YamlSequenceNode seq ? [.. seq.Children] : throw Error(n, key, "expected a list");

    private IReadOnlyList<string> Strings(Dictionary<string, YamlNode> map, string key, string path) =>
        [.. Items(map, key).Select(i => i is YamlScalarNode { Value: { } v } ? v : throw Error(i, path, "expected a list of strings"))];

    private bool? Bool(Dictionary<string, YamlNode> map, string key, string path) => Scalar(map, key) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw Error(map[key], path, $"expected true or false, got '{other}'"),
    };

    private int? Int(Dictionary<string, YamlNode> map, string key, string path) => Scalar(map, key) switch
    {
        null => null,
        var t when int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
        var t => throw Error(map[key], path, $"expected a whole number, got '{t}'"),
    };

    private TimeSpan? Duration(Dictionary<string, YamlNode> map, string key, string path) => Scalar(map, key) switch
    {
        null => null,
        var t => DurationText.Parse(t) is { } d && d > TimeSpan.Zero ? d : throw Error(map[key], path, $"expected a duration such as 10s, got '{t}'"),
    };

    private AgentConfigException Error(YamlNode node, string path, string reason) =>
        new($"{_file}:{node.Start.Line}: {path}: {reason}");
}
