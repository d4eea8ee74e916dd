using Vigil.Server.Escalation;
using Vigil.Server.Labels;

namespace Vigil.Server.Config;

/// <summary>Reads <c>escalation_policies[]</c>: name, levels (targets, ack_timeout, round_robin), repeat, reack_after.</summary>
internal static class EscalationPolicyReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "name", "levels", "repeat", "reack_after" };

    private static readonly IReadOnlySet<string> LevelKnown = new HashSet<string>(StringComparer.Ordinal) { "targets", "ack_timeout", "round_robin" };

    private static readonly IReadOnlySet<string> TargetKnown = new HashSet<string>(StringComparer.Ordinal) { "schedule", "person", "team" };

    public static IReadOnlyDictionary<string, EscalationPolicy> Read(YamlCursor? node)
    {
        var result = new Dictionary<string, EscalationPolicy>(StringComparer.Ordinal);
        foreach (var item in node?.Items() ?? [])
        {
            var map = item.Map(Known);
            var nameNode = map.Required("name");
            var name = nameNode.Text();
            if (name.Length == 0 || result.ContainsKey(name))
            {
                throw nameNode.Error(name.Length == 0 ? "missing name in escalation policy" : $"escalation policy {GoQuote.Quote(name)} is not unique");
            }
            var levelsNode = map.Required("levels");
            var levels = levelsNode.Items().Select(ReadLevel).ToList();
            if (levels.Count == 0)
            {
                throw levelsNode.Error("an escalation policy needs at least one level");
            }
            var repeat = map.Get("repeat") is { } r ? r.Int() : 0;
            if (repeat is < 0 or > 100)
            {
                throw map.Get("repeat")!.Error($"must be between 0 and 100, got {repeat}");
            }
            TimeSpan? reack = map.Get("reack_after") is { } ra ? Positive(ra) : null;
            result[name] = new EscalationPolicy(name, levels, (int)repeat, reack);
        }
        return result;
    }

    private static EscalationLevel ReadLevel(YamlCursor node)
    {
        var map = node.Map(LevelKnown);
        var targetsNode = map.Required("targets");
        var targets = targetsNode.Items().Select(ReadTarget).ToList();
        if (targets.Count == 0)
        {
            throw targetsNode.Error("a level needs at least one target");
        }
        var timeout = map.Get("ack_timeout") is { } t ? Positive(t) : TimeSpan.FromMinutes(5);
        return new EscalationLevel(targets, timeout, map.Get("round_robin")?.Bool() ?? false);
    }

    private static EscalationTarget ReadTarget(YamlCursor node)
    {
        var entries = node.Map(TargetKnown).Owner.Entries();
        if (entries.Count != 1)
        {
            throw node.Error("a target is exactly one of {schedule: NAME}, {person: NAME} or {team: NAME}");
        }
        var (key, value) = entries[0];
        var kind = key switch { "schedule" => TargetKind.Schedule, "person" => TargetKind.Person, _ => TargetKind.Team };
        var name = value.Text();
        return name.Length > 0 ? new EscalationTarget(kind, name) : throw value.Error("must name a " + key);
    }

    private static TimeSpan Positive(YamlCursor node)
    {
        var d = node.Duration();
        return d > TimeSpan.Zero ? d : throw node.Error($"must be a positive duration, got {GoQuote.Quote(node.Text())}");
    }
}
