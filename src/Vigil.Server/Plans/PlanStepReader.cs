using Vigil.Server.Config;
using Vigil.Server.Labels;
using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Plans;

/// <summary>
/// Reads one entry of <c>steps</c>: a mapping with exactly one kind key (<c>gate</c>, <c>haproxy</c>, <c>agent</c>,
/// <c>wait</c>, <c>verify</c>, <c>webhook</c>) and only the options that kind of step uses, so that a misplaced
/// <c>timeout</c> or <c>probe</c> is an error rather than a setting nobody reads.
/// </summary>
internal static class PlanStepReader
{
    /// <summary>The shortest and longest <c>timeout</c> or <c>duration</c> a step may have.</summary>
    public static readonly TimeSpan MinTime = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxTime = TimeSpan.FromHours(24);

    private static readonly string[] Kinds = ["gate", "haproxy", "agent", "wait", "verify", "webhook"];

    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "gate", "haproxy", "agent", "wait", "verify", "webhook", "timeout", "matchers", "host_scoped", "probe", "duration", "url", "body",
    };

    private static readonly IReadOnlySet<string> WebhookKnown = new HashSet<string>(StringComparer.Ordinal) { "url", "body" };

    private static readonly Dictionary<PlanStepKind, string[]> Names = new()
    {
        [PlanStepKind.Gate] = ["pool_min_healthy", "no_firing", "oncall"],
        [PlanStepKind.Haproxy] = ["drain", "maint", "ready"],
        [PlanStepKind.Wait] = ["drained", "host_back", "haproxy_up", "duration"],
        [PlanStepKind.Verify] = ["post_boot", "probe", "no_firing"],
    };

    public static PlanStep Read(YamlCursor item, PlanLines lines)
    {
        lines.Mark(item);
        if (item.Node is not YamlMappingNode)
        {
            throw item.Error("a step is a mapping with one of " + string.Join(", ", Kinds) + " (e.g. - wait: host_back)");
        }
        var map = item.Map(Known);
        var kinds = Kinds.Where(k => map.Get(k) is not null).ToList();
        if (kinds.Count != 1)
        {
            throw item.Error(kinds.Count == 0
                ? "a step needs one of " + string.Join(", ", Kinds)
                : $"a step has exactly one of {string.Join(", ", Kinds)}; this one has {string.Join(" and ", kinds)}");
        }
        foreach (var misplaced in new[] { "url", "body" })
        {
            if (map.Get(misplaced) is { } node)
            {
                throw node.Error($"{misplaced} goes under webhook: (- webhook: {{url: https://…, body: \"…\"}})");
            }
        }
        var kindNode = lines.Mark(map.Get(kinds[0])!);
        var kind = Enum.Parse<PlanStepKind>(kinds[0], ignoreCase: true);
        var step = kind == PlanStepKind.Webhook ? ReadWebhook(kindNode, lines) : new PlanStep { Kind = kind, What = ReadWhat(kind, kindNode) };
        step = step with { Line = item.Line };
        return ReadOptions(step, map, lines);
    }

    private static string ReadWhat(PlanStepKind kind, YamlCursor node)
    {
        var what = node.Text().Trim();
        if (kind == PlanStepKind.Agent)
        {
            return PlanReader.NameSyntax().IsMatch(what)
                ? what
                : throw node.Error($"not an action name: {GoQuote.Quote(what)} (letters, digits, '.', '_', '-', as in the agent's actions:)");
        }
        var names = Names[kind];
        return names.Contains(what, StringComparer.Ordinal)
            ? what
            : throw node.Error($"unknown {kind.ToString().ToLowerInvariant()} {GoQuote.Quote(what)} (one of {string.Join(", ", names)})");
    }

    private static PlanStep ReadWebhook(YamlCursor node, PlanLines lines)
    {
        if (node.Node is not YamlMappingNode)
        {
            throw node.Error("expected a mapping {url: https://…, body: \"…\"}");
        }
        var map = node.Map(WebhookKnown);
        var url = lines.Mark(map.Required("url")).HttpUrl();
        var body = map.Get("body") is { } b ? lines.Mark(b).Text() : "";
        // A webhook URL is often its own credential (a Slack incoming webhook's path, a token in the query): what the
        // step is shown as — on runs, their events, pages and the audit log — keeps only scheme, host and port.
        return new PlanStep { Kind = PlanStepKind.Webhook, What = Security.SecretView.Url(url.ToString()), Url = url, Body = body };
    }

    private static PlanStep ReadOptions(PlanStep step, YamlMap map, PlanLines lines)
    {
        var noFiring = step.What == "no_firing" && step.Kind is PlanStepKind.Gate or PlanStepKind.Verify;
        if (map.Get("timeout") is { } timeoutNode)
        {
            Allowed(timeoutNode, step, TakesTimeout(step), "waits (except duration), agent actions, verify: post_boot|probe and webhooks");
            step = step with { Timeout = Time(lines.Mark(timeoutNode)) };
        }
        if (map.Get("matchers") is { } matchersNode)
        {
            Allowed(matchersNode, step, noFiring, "gate: no_firing and verify: no_firing");
            var matchers = MatcherReader.FromStrings(lines.Mark(matchersNode));
            step = step with { Matchers = matchers.Count > 0 ? matchers : throw matchersNode.Error("give at least one matcher, e.g. 'severity=\"critical\"'") };
        }
        else if (noFiring)
        {
            throw new ConfigException(map.Owner.File, map.Owner.Line, map.Child("matchers"), $"{step} needs matchers: the alerts that must not be firing, e.g. ['severity=\"critical\"']");
        }
        if (map.Get("host_scoped") is { } scopedNode)
        {
            Allowed(scopedNode, step, noFiring, "gate: no_firing and verify: no_firing");
            step = step with { HostScoped = Yaml11Bool(lines.Mark(scopedNode)) };
        }
        step = ReadRequiredOption(step, map, "probe", step is { Kind: PlanStepKind.Verify, What: "probe" }, "verify: probe",
            (s, n) => s with { Probe = PlanReader.NameSyntax().IsMatch(n.Text().Trim()) ? n.Text().Trim() : throw n.Error($"not a probe name: {GoQuote.Quote(n.Text())}") }, lines);
        step = ReadRequiredOption(step, map, "duration", step is { Kind: PlanStepKind.Wait, What: "duration" }, "wait: duration",
            (s, n) => s with { Duration = Time(n) }, lines);
        return step;
    }

    private static PlanStep ReadRequiredOption(PlanStep step, YamlMap map, string key, bool belongs, string where,
        Func<PlanStep, YamlCursor, PlanStep> read, PlanLines lines)
    {
        if (map.Get(key) is { } node)
        {
            Allowed(node, step, belongs, where);
            return read(step, lines.Mark(node));
        }
        return belongs
            ? throw new ConfigException(map.Owner.File, map.Owner.Line, map.Child(key), $"{where} needs {key}")
            : step;
    }

    private static bool TakesTimeout(PlanStep step) => step.Kind switch
    {
        PlanStepKind.Wait => step.What != "duration",
        PlanStepKind.Agent or PlanStepKind.Webhook => true,
        PlanStepKind.Verify => step.What != "no_firing",
        _ => false,
    };

    private static void Allowed(YamlCursor node, PlanStep step, bool allowed, string where)
    {
        if (!allowed)
        {
            var key = node.Path[(node.Path.LastIndexOf('.') + 1)..];
            throw node.Error($"does not apply to {step}; {key} is an option of {where}");
        }
    }

    private static TimeSpan Time(YamlCursor node) =>
        TimeLimits.ParseDuration(node.Text(), MinTime, MaxTime, out var value) is { } reason ? throw node.Error(reason) : value;

    /// <summary>A boolean as YAML 1.1 spells it (<c>yes</c>, <c>on</c>, <c>true</c>…), as people used to Ansible write them.</summary>
    internal static bool Yaml11Bool(YamlCursor node) => node.Text().Trim() switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "y" or "Y" or "on" or "On" or "ON" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "n" or "N" or "off" or "Off" or "OFF" => false,
        var other => throw node.Error($"not a boolean: {GoQuote.Quote(other)} (true or false, yes or no)"),
    };
}
