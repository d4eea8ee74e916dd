using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Server.Incidents;
using Vigil.Server.Maintenance;

namespace Vigil.Server.StatusPage;

/// <summary>
/// The JSON of Atlassian Statuspage's public API v2 (<c>/api/v2/summary.json</c> and friends), field for field, so
/// widgets and monitors written for Statuspage read Vigil. Vigil-only facts are never added to these objects.
/// </summary>
internal static class StatusJson
{
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Page(StatusPageOptions options, string url, DateTimeOffset updatedAt) => new()
    {
        ["id"] = PageId(options),
        ["name"] = options.Name,
        ["url"] = url,
        ["time_zone"] = options.TimeZone,
        ["updated_at"] = Time(updatedAt),
    };

    public static string PageId(StatusPageOptions options) => StatusIds.Of("page", options.Name);

    public static JsonObject Status(string indicator, string description) => new() { ["indicator"] = indicator, ["description"] = description };

    public static JsonObject Component(StatusComponent c, ComponentStatus status, string pageId, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
    {
        ["id"] = c.Id,
        ["name"] = c.Name,
        ["status"] = StatusRules.Name(status),
        ["created_at"] = Time(createdAt),
        ["updated_at"] = Time(updatedAt),
        ["position"] = c.Position,
        ["description"] = c.Description.Length > 0 ? c.Description : null,
        ["showcase"] = true,
        ["start_date"] = null,
        ["group_id"] = null,
        ["page_id"] = pageId,
        ["group"] = false,
        ["only_show_if_degraded"] = false,
    };

    /// <summary>An incident as Statuspage shows it: updates newest first, only the public ones.</summary>
    public static JsonObject Incident(Incident i, IReadOnlyList<PublicUpdate> updates, IReadOnlyDictionary<string, StatusComponent> components,
        Func<StatusComponent, ComponentStatus> statusOf, string pageId, string pageUrl)
    {
        var id = IncidentId(i);
        var affected = updates.SelectMany(u => u.Components).Distinct(StringComparer.Ordinal).Where(components.ContainsKey).Select(n => components[n]).ToList();
        var monitoring = updates.LastOrDefault(u => u.Status == "monitoring")?.At;
        var status = !i.IsOpen ? "resolved" : updates.Count > 0 ? updates[^1].Status : i.Status.Name();
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = i.Title,
            ["status"] = status,
            ["created_at"] = Time(i.OpenedAt),
            ["updated_at"] = Time(updates.Count > 0 ? updates[^1].At : i.UpdatedAt),
            ["monitoring_at"] = monitoring is { } m ? Time(m) : null,
            ["resolved_at"] = i.ResolvedAt is { } r ? Time(r) : null,
            ["impact"] = StatusRules.Impact(i.Severity),
            ["shortlink"] = $"{pageUrl}#incident-{id}",
            ["started_at"] = Time(i.OpenedAt),
            ["page_id"] = pageId,
            ["incident_updates"] = new JsonArray([.. updates.Reverse().Select(u => (JsonNode)Update(u, id, components))]),
            ["components"] = new JsonArray([.. affected.Select(c => (JsonNode)Component(c, statusOf(c), pageId, i.OpenedAt, i.UpdatedAt))]),
        };
    }

    public static string IncidentId(Incident i) => IncidentId(i.Id);

    public static string IncidentId(long id) => StatusIds.Of("incident", id.ToString(CultureInfo.InvariantCulture));

    private static JsonObject Update(PublicUpdate u, string incidentId, IReadOnlyDictionary<string, StatusComponent> components) => new()
    {
        ["id"] = StatusIds.Of("update", u.Id.ToString(CultureInfo.InvariantCulture)),
        ["status"] = u.Status,
        ["body"] = u.Body,
        ["incident_id"] = incidentId,
        ["created_at"] = Time(u.At),
        ["updated_at"] = Time(u.At),
        ["display_at"] = Time(u.At),
        ["affected_components"] = u.Components.Count == 0 ? null : new JsonArray([.. u.Components.Where(components.ContainsKey).Select(n => (JsonNode)new JsonObject
        {
            ["code"] = components[n].Id,
            ["name"] = n,
            ["old_status"] = "operational",
            ["new_status"] = u.Status == "resolved" ? "operational" : "major_outage",
        })]),
        ["deliver_notifications"] = true,
        ["custom_tweet"] = null,
        ["tweet_id"] = null,
    };

    /// <summary>An announced maintenance window's occurrence as a scheduled maintenance (impact <c>maintenance</c>).</summary>
    public static JsonObject Maintenance(MaintenanceWindow w, Occurrence o, DateTimeOffset now, IReadOnlyList<StatusComponent> covered,
        Func<StatusComponent, ComponentStatus> statusOf, string pageId, string pageUrl)
    {
        var id = StatusIds.Of("maintenance", $"{w.Id}@{o.Start.ToUnixTimeSeconds()}");
        var status = o.Contains(now) ? "in_progress" : o.End <= now ? "completed" : "scheduled";
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = w.Announcement.Trim().Split('\n')[0],
            ["status"] = status,
            ["created_at"] = Time(w.CreatedAt),
            ["updated_at"] = Time(w.UpdatedAt),
            ["monitoring_at"] = null,
            ["resolved_at"] = status == "completed" ? Time(o.End) : null,
            ["impact"] = "maintenance",
            ["shortlink"] = $"{pageUrl}#maintenance-{id}",
            ["started_at"] = Time(o.Start),
            ["page_id"] = pageId,
            ["incident_updates"] = new JsonArray(new JsonObject
            {
                ["id"] = StatusIds.Of("maintenance-update", id),
                ["status"] = status,
                ["body"] = w.Announcement.Trim(),
                ["incident_id"] = id,
                ["created_at"] = Time(w.CreatedAt),
                ["updated_at"] = Time(w.UpdatedAt),
                ["display_at"] = Time(w.CreatedAt),
                ["affected_components"] = null,
                ["deliver_notifications"] = true,
                ["custom_tweet"] = null,
                ["tweet_id"] = null,
            }),
            ["components"] = new JsonArray([.. covered.Select(c => (JsonNode)Component(c, statusOf(c), pageId, w.CreatedAt, w.UpdatedAt))]),
            ["scheduled_for"] = Time(o.Start),
            ["scheduled_until"] = Time(o.End),
        };
    }
}
