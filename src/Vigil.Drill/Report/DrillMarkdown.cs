using System.Globalization;
using System.Text;
using Vigil.Drill.Run;
using Vigil.Drill.Scenarios;

namespace Vigil.Drill.Report;

/// <summary>A drill's report in Markdown: the measures, guardrails, pages, invariants and expectations, the timeline,
/// and each incident's postmortem. Times in the scenario's zone with their offset from the start.</summary>
internal static class DrillMarkdown
{
    public static string Render(DrillResult r)
    {
        var s = r.Scenario;
        var b = new StringBuilder();
        b.Append("# Drill: ").AppendLine(s.Name).AppendLine();
        if (s.Description.Length > 0)
        {
            b.AppendLine(s.Description.Trim()).AppendLine();
        }
        b.AppendLine($"Seed {r.Seed}; from {Show(s.Start, s)} for {Span(s.Duration)}; times in {s.Zone.Id}.").AppendLine();
        b.AppendLine($"Policy: silence guardrails {OnOff(s.Policy.SilenceGuardrails)}, window scoping {OnOff(s.Policy.WindowScoping)}, " +
            $"plan gates {OnOff(s.Policy.PlanGates)}, post-boot verification {OnOff(s.Policy.PostBootVerification)}.").AppendLine();
        b.AppendLine("## Outcome").AppendLine();
        b.AppendLine("| measure | value |").AppendLine("| --- | --- |");
        Row(b, "customer-minutes lost", Number(r.CustomerMinutesLost));
        Row(b, "customer-minutes in announced maintenance", Number(r.CustomerMinutesAnnounced));
        Row(b, "peak impact", r.PeakImpact.ToString("P0", CultureInfo.InvariantCulture));
        Row(b, "first fault observable", At(r.ObservableAt, s));
        Row(b, "time to detect (first alert)", After(r.ObservableAt, r.DetectedAt));
        Row(b, "time to page (first page delivered)", After(r.ObservableAt, r.FirstPageAt));
        Row(b, "customers first failing", At(r.CustomerImpactAt, s));
        Row(b, "from customers failing to their page", After(r.CustomerImpactAt, r.FirstCustomerPageAt));
        Row(b, "time to acknowledge (from the first page)", After(r.FirstPageAt, r.AcknowledgedAt));
        Row(b, "time to mitigate (customers served again)", After(r.ObservableAt, r.MitigatedAt));
        Row(b, "time to resolve (every alert resolved)", After(r.ObservableAt, r.ResolvedAt));
        Row(b, "pages delivered", r.PagesSent.ToString(CultureInfo.InvariantCulture));
        Row(b, "incidents opened", r.Incidents.Count.ToString(CultureInfo.InvariantCulture));
        b.AppendLine();
        b.AppendLine("## Invariants").AppendLine();
        foreach (var i in r.Invariants)
        {
            b.AppendLine(i.Holds ? $"- holds: {i.Name}" : $"- **BROKEN** ({i.Broken}×): {i.Name} — first: {i.First}");
        }
        b.AppendLine();
        if (r.Expectations.Count > 0)
        {
            b.AppendLine("## Expected").AppendLine();
            foreach (var (e, actual, met) in r.Expectations)
            {
                var shown = actual is not { } a ? "never" : Expectation.IsDuration(e.Measure) ? Span(TimeSpan.FromSeconds(a)) : Number(a);
                b.AppendLine($"- {(met ? "met" : "**NOT MET**")}: {e.Describe()} (was {shown})");
            }
            b.AppendLine();
        }
        b.AppendLine("## Guardrails that acted").AppendLine();
        b.AppendLine(r.Guardrails.Count == 0 ? "None." : string.Join('\n', r.Guardrails.Select(g => $"- {Show(g.At, s)}: {g.Text}"))).AppendLine();
        b.AppendLine("## Pages delivered, per person and channel").AppendLine();
        b.AppendLine(r.Pages.Count == 0 ? "None." : string.Join('\n', r.Pages.Select(p => $"- {p.Person} by {p.Channel}: {p.Count}"))).AppendLine();
        b.AppendLine("## Timeline").AppendLine();
        foreach (var e in r.Timeline.Where(e => e.Kind is not "notify" and not "held" || Important(e)))
        {
            b.AppendLine($"- {Show(e.At, s)} [{e.Kind}] {e.Text}");
        }
        b.AppendLine();
        foreach (var (incident, postmortem) in r.Incidents)
        {
            b.AppendLine($"## Postmortem of incident #{incident.Incident.Id}").AppendLine();
            b.AppendLine(Demote(postmortem)).AppendLine();
        }
        return b.ToString().TrimEnd() + "\n";
    }

    private static bool Important(LogEntry e) => e.Kind == "held" && e.Text.Contains("Silenced", StringComparison.Ordinal);

    /// <summary>The postmortem's headings one level down, under the report's own.</summary>
    private static string Demote(string markdown) =>
        string.Join('\n', markdown.TrimEnd().Split('\n').Select(l => l.StartsWith('#') ? "##" + l : l));

    private static void Row(StringBuilder b, string name, string value) => b.AppendLine($"| {name} | {value} |");

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string Show(DateTimeOffset t, Scenario s) => ScenarioTimes.Show(t, s.Zone, s.Start);

    private static string At(DateTimeOffset? t, Scenario s) => t is { } v ? Show(v, s) : "never";

    private static string After(DateTimeOffset? from, DateTimeOffset? to) => DrillResult.Between(from, to) is { } d ? Span(d) : "never";

    public static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Span(TimeSpan d)
    {
        if (d < TimeSpan.Zero)
        {
            return "-" + Span(-d);
        }
        var parts = new List<string>();
        if (d.TotalHours >= 1)
        {
            parts.Add($"{(int)d.TotalHours}h");
        }
        if (d.Minutes > 0)
        {
            parts.Add($"{d.Minutes}m");
        }
        if (d.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(d.Milliseconds > 0 && d.TotalSeconds < 10 ? $"{d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s" : $"{d.Seconds}s");
        }
        return string.Concat(parts);
    }
}
