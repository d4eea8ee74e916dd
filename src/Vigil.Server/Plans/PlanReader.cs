using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Server.Config;
using Vigil.Server.Hosts;
using Vigil.Server.Labels;
using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Plans;

/// <summary>
/// Reads a plan from YAML: a plan file, the body of <c>POST /api/v1/plans</c>, or one entry of
/// <c>plans.definitions</c>. Every error is a <see cref="ConfigException"/> naming the source, line and key
/// (<c>reboot.yaml:14: steps[3].timeout: not a valid duration: "5x" …</c>). Checks that need the configuration
/// (does the pool exist?) are <see cref="PlanValidator"/>'s.
/// </summary>
public static partial class PlanReader
{
    /// <summary>The longest plan name: names go into URLs, audit entries and page texts.</summary>
    public const int MaxNameLength = 128;

    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "description", "hosts", "serial", "max_fail", "window", "steps",
    };

    private static readonly IReadOnlySet<string> HostsKnown = new HashSet<string>(StringComparer.Ordinal) { "pool", "list", "match" };

    private static readonly IReadOnlySet<string> WindowKnown = new HashSet<string>(StringComparer.Ordinal) { "watcher", "backup", "announcement", "schedule" };

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    internal static partial Regex NameSyntax();

    /// <summary>Reads one plan document. <paramref name="source"/> names it in errors (a file path, <c>request</c>).</summary>
    public static PlanDefinition Read(string yaml, string source)
    {
        var root = ConfigLoader.ParseYaml(yaml, source)
            ?? throw new ConfigException(source, 0, "", "the plan is empty; name, hosts and steps are required");
        return Read(root, yaml.TrimEnd() + "\n");
    }

    /// <summary>Reads the plan at <paramref name="node"/> (a plan file's root, or an entry of <c>plans.definitions</c>).</summary>
    internal static PlanDefinition Read(YamlCursor node, string sourceText)
    {
        var lines = new PlanLines(node.Path);
        lines.Mark(node);
        var map = node.Map(Known);
        var nameNode = map.Required("name");
        var name = lines.Mark(nameNode).Text().Trim();
        if (name.Length == 0 || name.Length > MaxNameLength || !NameSyntax().IsMatch(name))
        {
            throw nameNode.Error($"must be 1 to {MaxNameLength} letters, digits, '.', '_' or '-', got {GoQuote.Quote(name)}");
        }
        if (name is "runs" or "validate")
        {
            throw nameNode.Error($"\"{name}\" is reserved: /api/v1/plans/{name} is not a plan's address");
        }
        return new PlanDefinition
        {
            Name = name,
            Description = map.Get("description") is { } d ? lines.Mark(d).Text() : "",
            Targets = ReadHosts(map.Required("hosts"), lines),
            Serial = map.Get("serial") is { } s ? ReadSerial(lines.Mark(s)) : PlanSerial.One,
            MaxFail = map.Get("max_fail") is { } f ? ReadMaxFail(lines.Mark(f)) : 0,
            Window = map.Get("window") is { } w ? ReadWindow(w, lines) : null,
            Steps = ReadSteps(map.Required("steps"), lines),
            Source = sourceText,
            SourceName = node.File,
            KeyPath = node.Path,
            Lines = lines.ToDictionary(),
        };
    }

    private static PlanTargets ReadHosts(YamlCursor node, PlanLines lines)
    {
        lines.Mark(node);
        if (node.Node is YamlSequenceNode)
        {
            return new PlanTargets { Hosts = ReadHostList(node, lines) };
        }
        if (node.Node is not YamlMappingNode)
        {
            throw node.Error("expected a list of host names, or one of {pool: NAME}, {list: [...]}, {match: [...]}");
        }
        var map = node.Map(HostsKnown);
        var given = HostsKnown.Where(k => map.Get(k) is not null).Order(StringComparer.Ordinal).ToList();
        if (given.Count != 1)
        {
            throw node.Error(given.Count == 0
                ? "give one of pool (a pool's members), list (host names) or match (matchers on host names)"
                : $"give only one of pool, list or match, not {string.Join(" and ", given)}");
        }
        if (map.Get("pool") is { } poolNode)
        {
            var pool = lines.Mark(poolNode).Text().Trim();
            return NameSyntax().IsMatch(pool) ? new PlanTargets { Pool = pool } : throw poolNode.Error($"not a pool name: {GoQuote.Quote(pool)}");
        }
        if (map.Get("list") is { } listNode)
        {
            return new PlanTargets { Hosts = ReadHostList(lines.Mark(listNode), lines) };
        }
        var matchNode = lines.Mark(map.Get("match")!);
        var matchers = MatcherReader.FromStrings(matchNode);
        if (matchers.Count == 0)
        {
            throw matchNode.Error("give at least one matcher, e.g. 'host=~\"web-.*\"'");
        }
        if (matchers.FirstOrDefault(m => m.Name != PlanHosts.HostLabel) is { } other)
        {
            throw matchNode.Error($"hosts are matched on their name only (the label {PlanHosts.HostLabel}), not {GoQuote.Quote(other.Name)}");
        }
        return new PlanTargets { Matchers = matchers };
    }

    private static List<string> ReadHostList(YamlCursor node, PlanLines lines)
    {
        var hosts = new List<string>();
        foreach (var item in node.Items())
        {
            var host = lines.Mark(item).Text().Trim();
            if (!ReportValidation.IsHostName(host))
            {
                throw item.Error($"not a host name (the name its agent reports as): {GoQuote.Quote(host)}");
            }
            if (hosts.Contains(host))
            {
                throw item.Error($"host {GoQuote.Quote(host)} is listed twice");
            }
            hosts.Add(host);
        }
        return hosts.Count > 0 ? hosts : throw node.Error("give at least one host");
    }

    private static PlanSerial ReadSerial(YamlCursor node)
    {
        if (node.Node is not YamlSequenceNode)
        {
            return new PlanSerial([ReadSerialSize(node)]);
        }
        var items = node.Items();
        return items.Count > 0
            ? new PlanSerial([.. items.Select(ReadSerialSize)])
            : throw node.Error("give at least one batch size, e.g. [1, 2, \"25%\"]");
    }

    private static SerialSize ReadSerialSize(YamlCursor node)
    {
        var text = node.Text().Trim();
        var percent = text.EndsWith('%');
        var digits = percent ? text[..^1].Trim() : text;
        if (!int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw node.Error($"not a batch size: {GoQuote.Quote(text)} (a number of hosts such as 2, or a share such as \"25%\")");
        }
        if (percent && value is < 1 or > 100)
        {
            throw node.Error($"a share of the hosts must be from 1% to 100%, got {GoQuote.Quote(text)}");
        }
        if (!percent && value < 1)
        {
            throw node.Error($"a batch holds at least 1 host, got {value}");
        }
        return new SerialSize(value, percent);
    }

    private static int ReadMaxFail(YamlCursor node)
    {
        var value = node.Int();
        return value is >= 0 and <= int.MaxValue ? (int)value : throw node.Error($"must be 0 or more hosts, got {value}");
    }

    private static PlanWindow ReadWindow(YamlCursor node, PlanLines lines)
    {
        lines.Mark(node);
        var map = node.Map(WindowKnown);
        string Person(string key)
        {
            var n = lines.Mark(map.Required(key));
            var person = n.Text().Trim();
            return person.Length > 0 ? person : throw n.Error("must name a person from people:");
        }
        return new PlanWindow
        {
            Watcher = Person("watcher"),
            Backup = Person("backup"),
            Announcement = map.Get("announcement") is { } a ? lines.Mark(a).Text() : "",
            Schedule = map.Get("schedule") is { } s ? lines.Mark(s).Text().Trim() : null,
        };
    }

    private static List<PlanStep> ReadSteps(YamlCursor node, PlanLines lines)
    {
        lines.Mark(node);
        var steps = node.Items().Select(item => PlanStepReader.Read(item, lines)).ToList();
        return steps.Count > 0 ? steps : throw node.Error("a plan needs at least one step");
    }
}
