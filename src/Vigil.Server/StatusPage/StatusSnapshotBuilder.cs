using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Maintenance;

namespace Vigil.Server.StatusPage;

/// <summary>
/// Computes the page from <see cref="StatusInputs"/> and renders every document (pure: no I/O, the time is an input).
/// <paramref name="since"/> keeps, per component, the status and when it was first seen, so <c>updated_at</c> moves only
/// when the status changes.
/// </summary>
internal static class StatusSnapshotBuilder
{
    public static StatusSnapshot Build(StatusInputs inputs, Dictionary<string, (ComponentStatus Status, DateTimeOffset Since, DateTimeOffset First)> since,
        IReadOnlyList<PublicUpdate> history)
    {
        var now = inputs.Now;
        var options = inputs.Options;
        var pageId = StatusJson.PageId(options);
        var firing = inputs.Alerts.Where(a => !a.IsResolvedAt(now)).ToList();
        var probes = inputs.Probes.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var statuses = new Dictionary<string, ComponentStatus>(StringComparer.Ordinal);
        foreach (var c in options.Components)
        {
            var s = StatusRules.StatusOf(c, firing, inputs.Windows, probes, now);
            statuses[c.Name] = s;
            since[c.Name] = since.TryGetValue(c.Name, out var was) ? (was.Status == s ? was : (s, now, was.First)) : (s, now, now);
        }
        foreach (var gone in since.Keys.Where(k => !statuses.ContainsKey(k)).ToList())
        {
            since.Remove(gone);
        }
        var byName = options.Components.ToDictionary(c => c.Name, StringComparer.Ordinal);
        ComponentStatus StatusOf(StatusComponent c) => statuses[c.Name];
        var components = new JsonArray([.. options.Components.Select(c => (JsonNode)StatusJson.Component(c, statuses[c.Name], pageId, since[c.Name].First, since[c.Name].Since))]);

        var unresolved = inputs.Incidents.Where(x => x.Incident.IsOpen).ToList();
        var incidents = new JsonArray([.. unresolved.Select(x => (JsonNode)StatusJson.Incident(x.Incident, x.Updates, byName, StatusOf, pageId, inputs.PageUrl))]);
        var maintenances = Maintenances(inputs, probes, StatusOf, pageId);
        var (indicator, description) = StatusRules.Overall([.. statuses.Values], unresolved.Select(x => StatusRules.Impact(x.Incident.Severity)));
        var updatedAt = new[] { now }.Concat(inputs.Incidents.SelectMany(x => x.Updates).Select(u => u.At)).Max();

        JsonObject Page() => new() { ["page"] = StatusJson.Page(options, inputs.PageUrl, updatedAt) };
        var summary = Page();
        summary["components"] = components.DeepClone();
        summary["incidents"] = incidents.DeepClone();
        summary["scheduled_maintenances"] = maintenances.DeepClone();
        summary["status"] = StatusJson.Status(indicator, description);
        var status = Page();
        status["status"] = StatusJson.Status(indicator, description);
        var componentsDoc = Page();
        componentsDoc["components"] = components.DeepClone();
        var unresolvedDoc = Page();
        unresolvedDoc["incidents"] = incidents.DeepClone();
        var maintenanceDoc = Page();
        maintenanceDoc["scheduled_maintenances"] = maintenances.DeepClone();

        var html = StatusHtml.Render(inputs, statuses, indicator, description, maintenances, history);
        var atom = StatusAtom.Render(inputs, history, updatedAt);
        return new StatusSnapshot(Bytes(summary), Bytes(status), Bytes(componentsDoc), Bytes(unresolvedDoc), Bytes(maintenanceDoc),
            Encoding.UTF8.GetBytes(html), Encoding.UTF8.GetBytes(atom), now);
    }

    /// <summary>Announced windows' occurrences in progress or starting within 30 days, soonest first.</summary>
    private static JsonArray Maintenances(StatusInputs inputs, IReadOnlyDictionary<string, Probes.ProbeDefinition> probes,
        Func<StatusComponent, ComponentStatus> statusOf, string pageId)
    {
        var now = inputs.Now;
        var list = new List<(Occurrence O, JsonObject Json)>();
        foreach (var w in inputs.Windows.Where(StatusRules.Announced))
        {
            if ((WindowRules.OccurrenceAt(w, now) ?? WindowRules.NextOccurrence(w, now)) is not { } o || o.Start > now.AddDays(30) || o.End <= now)
            {
                continue;
            }
            var covered = inputs.Options.Components.Where(c => StatusRules.Covers(w, c, probes)).ToList();
            list.Add((o, StatusJson.Maintenance(w, o, now, covered, statusOf, pageId, inputs.PageUrl)));
        }
        return new JsonArray([.. list.OrderBy(x => x.O.Start).Select(x => (JsonNode)x.Json)]);
    }

    private static byte[] Bytes(JsonObject o) => Encoding.UTF8.GetBytes(o.ToJsonString());
}
