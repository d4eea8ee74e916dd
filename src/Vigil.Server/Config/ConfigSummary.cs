namespace Vigil.Server.Config;

/// <summary>
/// The "Found:" lines of <c>vigil config check</c>: what a loaded configuration holds, in the layout of
/// <c>amtool check-config</c> (global config, route, inhibit rules, receivers, templates), so that an Alertmanager-only
/// file prints what amtool prints, followed by a line per Vigil section the file has.
/// </summary>
internal static class ConfigSummary
{
    /// <summary>Vigil's sections that hold a list of things, with how to count what the loader read from them.</summary>
    private static readonly (string Key, string Label, Func<VigilConfig, int> Count)[] Counted =
    [
        ("escalation_policies", "escalation policies", c => c.EscalationPolicies.Count),
        ("pagerduty", "PagerDuty routing keys", c => c.PagerDuty.RoutingKeys.Count),
        ("people", "people", c => c.Oncall.People.Count),
        ("teams", "teams", c => c.Oncall.Teams.Count),
        ("schedules", "schedules", c => c.Oncall.Schedules.Count),
        ("probes", "probes", c => c.Probes.Count),
        ("heartbeats", "heartbeats", c => c.Heartbeats.Count),
        ("pools", "pools", c => c.Pools.Count),
        ("plans", "plans", c => c.Plans.Definitions.Count),
        ("incidents", "incident auto-open rules", c => c.Incidents.AutoOpen.Count),
        ("vendors", "vendors", c => c.Vendors.Count),
    ];

    /// <summary>Vigil's sections of settings: named when present, nothing to count.</summary>
    private static readonly string[] Settings = ["server", "silences", "maintenance", "hosts", "escalation", "smtp", "oncall", "agent_actions", "status_page", "ui"];

    /// <summary>
    /// The lines for <paramref name="config"/>. Receivers and templates are counted as the file declares them (amtool
    /// counts the <c>templates:</c> globs, and the receivers Vigil adds for PagerDuty routing keys are not the file's);
    /// the line after the templates one is amtool's verdict on loading them, which the loader has already passed.
    /// </summary>
    public static IReadOnlyList<string> Lines(VigilConfig config)
    {
        var top = ConfigLoader.ParseYaml(config.Original, config.Source)?.Entries().ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)
            ?? new Dictionary<string, YamlCursor>(StringComparer.Ordinal);
        int CountItems(string key) => top.TryGetValue(key, out var node) ? node.Items().Count : 0;

        // Alertmanager fills in a default global section when the file has none, so amtool always prints it.
        var lines = new List<string> { " - global config", " - route", $" - {config.InhibitRules.Count} inhibit rules", $" - {CountItems("receivers")} receivers" };
        lines.AddRange(Counted.Where(s => top.ContainsKey(s.Key)).Select(s => $" - {s.Count(config)} {s.Label}"));
        var settings = Settings.Where(top.ContainsKey).ToList();
        if (settings.Count > 0)
        {
            lines.Add(" - Vigil settings: " + string.Join(", ", settings));
        }
        var templates = CountItems("templates");
        lines.Add($" - {templates} templates");
        if (templates > 0)
        {
            lines.Add("  SUCCESS");
        }
        return lines;
    }
}
