using System.Text.Json.Nodes;

namespace Vigil.Server.Incidents;

/// <summary>The API's JSON for incidents: the list view and the detail (links, times, timeline).</summary>
internal static class IncidentJson
{
    public static JsonObject View(Incident i) => new()
    {
        ["id"] = i.Id,
        ["title"] = i.Title,
        ["severity"] = i.Severity.Name(),
        ["status"] = i.Status.Name(),
        ["commander"] = i.Commander,
        ["communications"] = i.Roles.TryGetValue(IncidentRoles.Communications, out var c) ? c : null,
        ["roles"] = new JsonObject(i.Roles.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["summary"] = i.Summary,
        ["rootCause"] = i.RootCause,
        ["customerImpact"] = i.CustomerImpact,
        ["openedAt"] = i.OpenedAt,
        ["openedBy"] = i.OpenedBy,
        ["resolvedAt"] = i.ResolvedAt,
        ["updatedAt"] = i.UpdatedAt,
    };

    public static JsonObject Detail(IncidentDetail d)
    {
        var json = View(d.Incident);
        var times = new JsonObject();
        foreach (var field in Enum.GetValues<TimeField>())
        {
            times[field.Name()] = d.Times.TryGetValue(field, out var t) ? new JsonObject { ["at"] = t.At, ["origin"] = t.Origin } : null;
        }
        json["times"] = times;
        json["alerts"] = new JsonArray([.. d.Links.Where(l => l.Kind == IncidentLink.Alert).Select(l => (JsonNode)new JsonObject
        {
            ["fingerprint"] = l.Ref,
            ["alertname"] = l.Label,
            ["customer"] = l.Customer,
            ["startsAt"] = l.StartedAt,
            ["endedAt"] = l.EndedAt,
        })]);
        json["pages"] = new JsonArray([.. d.Pages.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id,
            ["title"] = p.Title,
            ["state"] = p.State,
            ["createdAt"] = p.CreatedAt,
            ["acknowledgedAt"] = p.AcknowledgedAt,
            ["acknowledgedBy"] = p.AcknowledgedBy,
        })]);
        json["windows"] = new JsonArray([.. d.Links.Where(l => l.Kind == IncidentLink.Window).Select(l => (JsonNode)l.Ref)]);
        json["planRuns"] = new JsonArray([.. d.Links.Where(l => l.Kind == IncidentLink.PlanRun).Select(l => (JsonNode)l.Ref)]);
        json["timeline"] = new JsonArray([.. d.Timeline.Select(e => (JsonNode)Entry(e))]);
        return json;
    }

    public static JsonObject Entry(IncidentEntry e) => new()
    {
        ["at"] = e.At,
        ["source"] = e.Source,
        ["kind"] = e.Kind,
        ["actor"] = e.Actor,
        ["text"] = e.Text,
        ["link"] = e.Link,
    };
}
