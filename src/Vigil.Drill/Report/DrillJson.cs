using System.Text;
using System.Text.Json;
using Vigil.Drill.Run;
using Vigil.Drill.Scenarios;

namespace Vigil.Drill.Report;

/// <summary>A drill's report as JSON (keys in a fixed order, instants in RFC 3339 UTC, durations in seconds).</summary>
internal static class DrillJson
{
    public static string Render(DrillResult r)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            j.WriteStartObject();
            j.WriteString("scenario", r.Scenario.Name);
            j.WriteNumber("seed", r.Seed);
            j.WriteString("start", Instant(r.Scenario.Start));
            j.WriteString("end", Instant(r.Scenario.End));
            j.WriteString("zone", r.Scenario.Zone.Id);
            j.WriteStartObject("policy");
            j.WriteBoolean("silence_guardrails", r.Scenario.Policy.SilenceGuardrails);
            j.WriteBoolean("window_scoping", r.Scenario.Policy.WindowScoping);
            j.WriteBoolean("plan_gates", r.Scenario.Policy.PlanGates);
            j.WriteBoolean("post_boot_verification", r.Scenario.Policy.PostBootVerification);
            j.WriteEndObject();
            j.WriteNumber("customer_minutes_lost", r.CustomerMinutesLost);
            j.WriteNumber("customer_minutes_announced", r.CustomerMinutesAnnounced);
            j.WriteNumber("peak_impact", r.PeakImpact);
            Time(j, "observable_at", r.ObservableAt);
            Time(j, "detected_at", r.DetectedAt);
            Time(j, "first_page_at", r.FirstPageAt);
            Time(j, "customer_impact_at", r.CustomerImpactAt);
            Time(j, "first_customer_page_at", r.FirstCustomerPageAt);
            Time(j, "acknowledged_at", r.AcknowledgedAt);
            Time(j, "mitigated_at", r.MitigatedAt);
            Time(j, "resolved_at", r.ResolvedAt);
            Seconds(j, "time_to_detect_s", DrillResult.Between(r.ObservableAt, r.DetectedAt));
            Seconds(j, "time_to_page_s", DrillResult.Between(r.ObservableAt, r.FirstPageAt));
            Seconds(j, "customer_page_s", DrillResult.Between(r.CustomerImpactAt, r.FirstCustomerPageAt));
            Seconds(j, "time_to_ack_s", DrillResult.Between(r.FirstPageAt, r.AcknowledgedAt));
            Seconds(j, "time_to_mitigate_s", DrillResult.Between(r.ObservableAt, r.MitigatedAt));
            Seconds(j, "time_to_resolve_s", DrillResult.Between(r.ObservableAt, r.ResolvedAt));
            j.WriteStartArray("guardrails");
            foreach (var g in r.Guardrails)
            {
                Entry(j, g);
            }
            j.WriteEndArray();
            j.WriteStartArray("pages");
            foreach (var (person, channel, count) in r.Pages)
            {
                j.WriteStartObject();
                j.WriteString("person", person);
                j.WriteString("channel", channel);
                j.WriteNumber("count", count);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("invariants");
            foreach (var i in r.Invariants)
            {
                j.WriteStartObject();
                j.WriteString("name", i.Name);
                j.WriteBoolean("holds", i.Holds);
                j.WriteNumber("broken", i.Broken);
                if (i.First is { } first)
                {
                    j.WriteString("first", first);
                }
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("expectations");
            foreach (var (e, actual, met) in r.Expectations)
            {
                j.WriteStartObject();
                j.WriteString("expect", e.Describe());
                if (actual is { } a)
                {
                    j.WriteNumber("actual", Math.Round(a, 3));
                }
                else
                {
                    j.WriteNull("actual");
                }
                j.WriteBoolean("met", met);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("incidents");
            foreach (var (incident, postmortem) in r.Incidents)
            {
                j.WriteStartObject();
                j.WriteNumber("id", incident.Incident.Id);
                j.WriteString("title", incident.Incident.Title);
                j.WriteString("severity", incident.Incident.Severity.ToString().ToUpperInvariant());
                j.WriteString("opened_at", Instant(incident.Incident.OpenedAt));
                Time(j, "resolved_at", incident.Incident.ResolvedAt);
                j.WriteString("postmortem", postmortem);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("timeline");
            foreach (var e in r.Timeline)
            {
                Entry(j, e);
            }
            j.WriteEndArray();
            j.WriteNumber("exit_code", r.ExitCode);
            j.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Entry(Utf8JsonWriter j, LogEntry e)
    {
        j.WriteStartObject();
        j.WriteString("at", Instant(e.At));
        j.WriteString("kind", e.Kind);
        j.WriteString("text", e.Text);
        j.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter j, string name, DateTimeOffset? t)
    {
        if (t is { } v)
        {
            j.WriteString(name, Instant(v));
        }
        else
        {
            j.WriteNull(name);
        }
    }

    private static void Seconds(Utf8JsonWriter j, string name, TimeSpan? d)
    {
        if (d is { } v)
        {
            j.WriteNumber(name, Math.Round(v.TotalSeconds, 3));
        }
        else
        {
            j.WriteNull(name);
        }
    }

    private static string Instant(DateTimeOffset t) => Notify.DrillTimes.Rfc3339(t);
}
