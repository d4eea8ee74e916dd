using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Incidents;

/// <summary>
/// Reads the <c>incidents:</c> section: <c>commander</c>, <c>escalation_policy</c>, <c>update_every</c> (severity →
/// duration) and <c>auto_open</c> rules (<c>name</c>, <c>matchers</c>, <c>for</c>, <c>severity</c>, <c>title</c>,
/// <c>commander</c>, <c>escalation_policy</c>). People and policies must exist; errors name file, line and key.
/// </summary>
internal static class IncidentsConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "commander", "escalation_policy", "update_every", "auto_open",
    };

    private static readonly IReadOnlySet<string> RuleKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "matchers", "for", "severity", "title", "commander", "escalation_policy",
    };

    /// <summary>The longest <c>for</c>: longer than a day is not an outage rule but a report.</summary>
    private static readonly TimeSpan MaxFor = TimeSpan.FromDays(1);

    public static IncidentsOptions Read(YamlCursor? node, IReadOnlySet<string> policyNames, IReadOnlySet<string> people)
    {
        if (node is null)
        {
            return new IncidentsOptions();
        }
        var map = node.Map(Known);
        var every = new Dictionary<IncidentSeverity, TimeSpan>();
        foreach (var (key, value) in map.Get("update_every")?.Entries() ?? [])
        {
            if (!IncidentNames.TryParseSeverity(key, out var severity))
            {
                throw value.Error($"must be keyed by severity, {IncidentNames.SeverityChoices} (got {GoQuote.Quote(key)})");
            }
            every[severity] = Positive(value);
        }
        var rules = new List<AutoOpenRule>();
        foreach (var item in map.Get("auto_open")?.Items() ?? [])
        {
            var rule = ReadRule(item, policyNames, people);
            if (rules.Any(r => r.Name == rule.Name))
            {
                throw item.Error($"duplicate auto_open rule name {GoQuote.Quote(rule.Name)}");
            }
            rules.Add(rule);
        }
        return new IncidentsOptions
        {
            Commander = Person(map.Get("commander"), people),
            EscalationPolicy = Policy(map.Get("escalation_policy"), policyNames),
            UpdateEvery = every,
            AutoOpen = rules,
        };
    }

    private static AutoOpenRule ReadRule(YamlCursor item, IReadOnlySet<string> policyNames, IReadOnlySet<string> people)
    {
        var map = item.Map(RuleKnown);
        var nameNode = map.Required("name");
        var name = nameNode.Text().Trim();
        if (name.Length is 0 or > 100)
        {
            throw nameNode.Error("must be 1 to 100 characters");
        }
        var matchers = MatcherReader.FromStrings(map.Get("matchers"));
        if (matchers.Count == 0)
        {
            throw item.Error("matchers: required, at least one matcher such as 'impact=\"customer\"' (a rule matching every alert opens an incident per alert storm)");
        }
        var forTime = TimeSpan.Zero;
        if (map.Get("for") is { } forNode)
        {
            forTime = forNode.Duration();
            if (forTime > MaxFor)
            {
                throw forNode.Error($"must be at most 1d, got {GoQuote.Quote(forNode.Text())}");
            }
        }
        var severity = IncidentSeverity.Sev3;
        if (map.Get("severity") is { } sevNode && !IncidentNames.TryParseSeverity(sevNode.Text(), out severity))
        {
            throw sevNode.Error($"must be {IncidentNames.SeverityChoices}, got {GoQuote.Quote(sevNode.Text())}");
        }
        var title = name + ": {alertname}";
        if (map.Get("title") is { } titleNode)
        {
            title = titleNode.Text().Trim();
            if (title.Length is 0 or > 200 || title.Contains('\n', StringComparison.Ordinal))
            {
                throw titleNode.Error("must be one line of 1 to 200 characters");
            }
        }
        return new AutoOpenRule(name, matchers, forTime, severity, title, Person(map.Get("commander"), people), Policy(map.Get("escalation_policy"), policyNames));
    }

    private static string? Person(YamlCursor? node, IReadOnlySet<string> people)
    {
        if (node is null)
        {
            return null;
        }
        var name = node.Text().Trim();
        return people.Contains(name) ? name : throw node.Error($"undefined person {GoQuote.Quote(name)} (see people:)");
    }

    private static string? Policy(YamlCursor? node, IReadOnlySet<string> policyNames)
    {
        if (node is null)
        {
            return null;
        }
        var name = node.Text().Trim();
        return policyNames.Contains(name) ? name : throw node.Error($"undefined escalation policy {GoQuote.Quote(name)} (see escalation_policies:)");
    }

    private static TimeSpan Positive(YamlCursor node)
    {
        var d = node.Duration();
        return d >= TimeSpan.FromMinutes(1) ? d : throw node.Error($"must be a duration of at least 1m, got {GoQuote.Quote(node.Text())}");
    }
}
