using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Vigil.Server.Incidents.Postmortems;

/// <summary>
/// Writes an incident's postmortem in the seed's sections — Issue Summary, Timeline, Root Cause, Resolution and Recovery,
/// Corrective and Preventative Measures — from the record, with every time in one IANA zone (each converted with the
/// zone's rules at its own instant, so a DST change inside the incident is shown right). A section a person rewrote is
/// used as written. Pure: the same facts and zone give the same text.
/// </summary>
public static class PostmortemWriter
{
    /// <summary>Timeline entries that say what people did about the outage: the resolution section retells them.</summary>
    private static readonly HashSet<string> ResolutionKinds = new(StringComparer.Ordinal) { "note", "status", "correction", "resolved" };

    public static Postmortem Write(PostmortemFacts facts, DateTimeZone zone)
    {
        var d = facts.Detail;
        var timeline = TimelineRenderer.Lines(d.Timeline, zone);
        var sections = new List<PostmortemSection>();
        foreach (var (name, heading) in PostmortemSections.All)
        {
            if (name == PostmortemSections.Timeline)
            {
                sections.Add(new PostmortemSection(name, timeline[0], [.. timeline.Skip(1)], null));
                continue;
            }
            if (facts.Edits.TryGetValue(name, out var edit))
            {
                sections.Add(new PostmortemSection(name, heading, edit.Text.Split('\n').Select(l => l.TrimEnd('\r')).ToList(), edit));
                continue;
            }
            IReadOnlyList<string> lines = name switch
            {
                PostmortemSections.Summary => Summary(facts, zone),
                PostmortemSections.RootCause => [d.Incident.RootCause.Length > 0 ? d.Incident.RootCause : "Not written yet: `vigil incident update ID --root-cause \"...\"`."],
                PostmortemSections.Resolution => Resolution(facts, zone),
                _ => Measures(facts, zone),
            };
            sections.Add(new PostmortemSection(name, heading, lines, null));
        }
        return new Postmortem(d.Incident.Title, d.Incident.IsOpen, zone.Id, sections);
    }

    private static List<string> Summary(PostmortemFacts facts, DateTimeZone zone)
    {
        var d = facts.Detail;
        var i = d.Incident;
        var start = Time(d, TimeField.ImpactStarted) ?? Time(d, TimeField.Detected) ?? i.OpenedAt;
        var end = Time(d, TimeField.ImpactEnded) ?? Time(d, TimeField.Mitigated) ?? Time(d, TimeField.Resolved);
        var span = end is { } e
            ? $"From {Local(start, zone, withDate: true)} to {Local(e, zone, withDate: LocalDate(start, zone) != LocalDate(e, zone))} ({Duration(e - start)})"
            : $"Since {Local(start, zone, withDate: true)} (still going on)";
        var lines = new List<string> { $"{span}: {i.Title}." };
        var who = i.Commander is { } c ? $"; commander {c}" : "";
        lines.Add($"Severity {i.Severity.Name()}{who}; status {i.Status.Name()}.");
        if (i.Summary.Length > 0)
        {
            lines.Add(i.Summary);
        }
        var impact = i.CustomerImpact.Length > 0 ? i.CustomerImpact : "";
        if (facts.Impact is { } m)
        {
            var measured = $"peak {Percent(m.PeakShare)} of customer-facing checks failing; {m.CustomerMinutes.ToString("0.#", CultureInfo.InvariantCulture)} customer-minutes lost";
            impact = impact.Length > 0 ? $"{impact} (measured: {measured})" : $"{measured} (measured).";
        }
        if (impact.Length > 0)
        {
            lines.Add("Customer impact: " + impact);
        }
        if (i.RootCause.Length > 0)
        {
            lines.Add("Root cause: " + i.RootCause);
        }
        lines.Add("Response: " + string.Join("; ", new[]
        {
            Span("time to detect", Time(d, TimeField.ImpactStarted), Time(d, TimeField.Detected)),
            Span("time to acknowledge", Time(d, TimeField.FirstPage), Time(d, TimeField.Acknowledged)),
            Span("time to mitigate", Time(d, TimeField.Detected), Time(d, TimeField.ImpactEnded) ?? Time(d, TimeField.Mitigated)),
            Span("time to resolve", i.OpenedAt, i.ResolvedAt),
        }) + ".");
        return lines;
    }

    private static List<string> Resolution(PostmortemFacts facts, DateTimeZone zone)
    {
        var d = facts.Detail;
        var lines = d.Timeline.Where(e => e.Source == "incident" && ResolutionKinds.Contains(e.Kind))
            .Select(e => $"- At {Local(e.At, zone, withDate: false)}: {e.Text}" + (e.Actor is TimelineRenderer.System or "" ? "" : $" ({e.Actor})"))
            .ToList();
        lines.AddRange(facts.VendorLines.Select(v => "- " + v));
        if ((Time(d, TimeField.ImpactEnded) ?? Time(d, TimeField.Mitigated)) is { } ended)
        {
            lines.Add($"- By {Local(ended, zone, withDate: false)}, customer impact had ended.");
        }
        return lines.Count > 0 ? lines : ["Nothing recorded yet: notes (`vigil incident note ID \"...\"`) and status changes appear here."];
    }

    private static List<string> Measures(PostmortemFacts facts, DateTimeZone zone)
    {
        var lines = facts.ActionItems.Select(a =>
            $"- [{(a.Done ? "x" : " ")}] {a.Text} — owner {a.Owner}" + (a.Due is { } due ? $", due {LocalDatePattern.Iso.Format(due)}" : "")
            + (a.Done && a.DoneAt is { } at ? $", done {LocalDatePattern.Iso.Format(LocalDate(at, zone))}" + (a.DoneBy is { } by ? $" by {by}" : "") : "")).ToList();
        if (lines.Count == 0)
        {
            lines.Add("- No action items yet: `vigil action add ID \"...\" --owner NAME --due YYYY-MM-DD`.");
        }
        var guardrails = Guardrails(facts.Detail.Timeline, zone);
        if (guardrails.Count > 0)
        {
            lines.Add("");
            lines.Add("Guardrails that acted:");
            lines.AddRange(guardrails);
        }
        return lines;
    }

    /// <summary>What Vigil refused or did on its own to keep the outage visible: re-raised alerts, halted plans, silences held for approval.</summary>
    public static List<string> Guardrails(IReadOnlyList<IncidentEntry> timeline, DateTimeZone zone) =>
        [.. timeline.Where(e => (e.Source, e.Kind) is ("window", "overrun") or ("plan", "halted") or ("plan", "kept_out") or ("plan", "paged")
                || (e.Source == "silence" && e.Kind == "approved"))
            .Select(e => $"- {Local(e.At, zone, withDate: false)}: {e.Text}")];

    private static DateTimeOffset? Time(IncidentDetail d, TimeField field) => d.Times.TryGetValue(field, out var t) ? t.At : null;

    private static string Span(string name, DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } f && to is { } t ? $"{name} {Duration(t - f)}" : $"{name} unknown";

    private static LocalDate LocalDate(DateTimeOffset at, DateTimeZone zone) => Instant.FromDateTimeOffset(at).InZone(zone).Date;

    /// <summary><c>10:30 PM</c>, or <c>10:30 PM on Sunday 10 May 2020</c>.</summary>
    public static string Local(DateTimeOffset at, DateTimeZone zone, bool withDate)
    {
        var local = Instant.FromDateTimeOffset(at).InZone(zone);
        return TimelineRenderer.Clock(local) + (withDate ? " on " + local.Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture) : "");
    }

    /// <summary><c>40 min</c>, <c>10 h</c>, <c>8 h 4 min</c>, <c>45 s</c>; a negative span (a correction out of order) as 0.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        if (span < TimeSpan.FromMinutes(1))
        {
            return $"{(int)span.TotalSeconds} s";
        }
        var minutes = (long)span.TotalMinutes;
        return minutes < 60 ? $"{minutes} min" : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
