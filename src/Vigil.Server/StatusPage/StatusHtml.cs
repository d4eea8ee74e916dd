using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Server.StatusPage;

/// <summary>
/// The public page: one HTML document with a small inline style sheet, no script and no external asset, readable on a
/// phone (a viewport meta, one column). It shows the overall status, each component, the unresolved public incidents
/// with their updates, scheduled maintenance and the recent history of public updates, in the page's time zone.
/// </summary>
internal static class StatusHtml
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;padding:1rem;max-width:44rem;margin:auto;color:#1b1f23;line-height:1.4}
        h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}
        .banner{padding:.8rem 1rem;border-radius:.4rem;color:#fff;font-weight:600}
        .none{background:#2e7d32}.minor{background:#f9a825;color:#1b1f23}.major{background:#ef6c00}.critical{background:#c62828}.maintenance{background:#1565c0}
        ul{list-style:none;padding:0}li.c{display:flex;justify-content:space-between;gap:1rem;padding:.6rem 0;border-bottom:1px solid #ddd}
        .s{font-size:.9rem;white-space:nowrap}.operational{color:#2e7d32}.degraded_performance,.partial_outage{color:#ef6c00}.major_outage{color:#c62828}.under_maintenance{color:#1565c0}
        .u{margin:.4rem 0 .8rem;padding-left:.8rem;border-left:3px solid #ccc}.t{color:#555;font-size:.85rem}small{color:#555}
        """;

    public static string Render(StatusInputs inputs, IReadOnlyDictionary<string, ComponentStatus> statuses, string indicator, string description,
        JsonArray maintenances, IReadOnlyList<PublicUpdate> history)
    {
        var zone = Oncall.OnCallTime.Zone(inputs.Options.TimeZone) ?? NodaTime.DateTimeZone.Utc;
        string When(DateTimeOffset t) => NodaTime.Instant.FromDateTimeOffset(t).InZone(zone)
            .ToString("MMM d, HH:mm", CultureInfo.InvariantCulture) + " " + inputs.Options.TimeZone;
        var e = (Func<string?, string>)(s => WebUtility.HtmlEncode(s ?? ""));
        var maintenanceOnly = indicator == "none" && statuses.Values.Any(s => s == ComponentStatus.UnderMaintenance);
        var b = new StringBuilder();
        b.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
         .Append($"<title>{e(inputs.Options.Name)}</title><link rel=\"alternate\" type=\"application/atom+xml\" href=\"status/history.atom\">")
         .Append($"<style>{Style}</style></head><body><h1>{e(inputs.Options.Name)}</h1>")
         .Append($"<p class=\"banner {(maintenanceOnly ? "maintenance" : indicator)}\" id=\"status\">{e(description)}</p>");
        var open = inputs.Incidents.Where(x => x.Incident.IsOpen).ToList();
        if (open.Count > 0)
        {
            b.Append("<h2>Current incidents</h2>");
            foreach (var (incident, updates) in open)
            {
                b.Append($"<section id=\"incident-{StatusJson.IncidentId(incident)}\"><h3>{e(incident.Title)}</h3>");
                foreach (var u in updates.Reverse())
                {
                    b.Append($"<div class=\"u\"><strong>{e(Capital(u.Status))}</strong> — {e(u.Body)}<div class=\"t\">{e(When(u.At))}</div></div>");
                }
                b.Append("</section>");
            }
        }
        if (inputs.Options.Components.Count > 0)
        {
            b.Append("<h2>Components</h2><ul>");
            foreach (var c in inputs.Options.Components)
            {
                var s = StatusRules.Name(statuses[c.Name]);
                b.Append($"<li class=\"c\"><span>{e(c.Name)}" + (c.Description.Length > 0 ? $"<br><small>{e(c.Description)}</small>" : "") +
                    $"</span><span class=\"s {s}\">{e(Capital(s.Replace('_', ' ')))}</span></li>");
            }
            b.Append("</ul>");
        }
        if (maintenances.Count > 0)
        {
            b.Append("<h2>Scheduled maintenance</h2>");
            foreach (var m in maintenances)
            {
                var from = DateTimeOffset.Parse(m!["scheduled_for"]!.ToString(), CultureInfo.InvariantCulture);
                var until = DateTimeOffset.Parse(m["scheduled_until"]!.ToString(), CultureInfo.InvariantCulture);
                b.Append($"<div class=\"u\" id=\"maintenance-{e(m["id"]!.ToString())}\"><strong>{e(m["name"]!.ToString())}</strong> ({e(m["status"]!.ToString().Replace('_', ' '))})" +
                    $"<div class=\"t\">{e(When(from))} – {e(When(until))}</div></div>");
            }
        }
        var titles = inputs.Incidents.ToDictionary(x => x.Incident.Id, x => x.Incident.Title);
        var past = history.Where(u => titles.ContainsKey(u.IncidentId)).ToList();
        if (past.Count > 0)
        {
            b.Append("<h2>Recent updates</h2>");
            foreach (var u in past)
            {
                b.Append($"<div class=\"u\"><strong>{e(titles[u.IncidentId])}</strong>: {e(Capital(u.Status))} — {e(u.Body)}<div class=\"t\">{e(When(u.At))}</div></div>");
            }
        }
        b.Append($"<p><small>Updated {e(When(inputs.Now))}. <a href=\"status/history.atom\">Feed</a> · <a href=\"status/summary.json\">JSON</a></small></p></body></html>");
        return b.ToString();
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
