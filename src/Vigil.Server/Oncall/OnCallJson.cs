using System.Text.Json.Nodes;
using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>The JSON shapes of <c>/api/v1/people</c>, <c>/teams</c>, <c>/schedules</c> and <c>/oncall</c>: camelCase, instants in UTC.</summary>
public static class OnCallJson
{
    /// <summary>A person; without <paramref name="showSecrets"/> (a read token) Slack and webhook URLs are masked (<see cref="Security.SecretView"/>).</summary>
    public static JsonObject Person(Person p, bool showSecrets = true) => new()
    {
        ["name"] = p.Name,
        ["email"] = p.Email,
        ["timeZone"] = p.TimeZone,
        ["contactMethods"] = new JsonArray([.. p.ContactMethods.Select(m => (JsonNode)new JsonObject
        {
            ["type"] = Kind(m.Kind),
            ["address"] = showSecrets || m.Kind == ContactKind.Email ? m.Address : Security.SecretView.Url(m.Address),
        })]),
        ["notificationRules"] = new JsonArray([.. p.NotificationRules.Select(r => (JsonNode)new JsonObject
        {
            ["method"] = Kind(r.Method),
            ["after"] = Config.PromDuration.Format(r.After),
        })]),
    };

    public static JsonObject Team(Team t) => new()
    {
        ["name"] = t.Name,
        ["members"] = new JsonArray([.. t.Members.Select(m => (JsonNode)m)]),
    };

    /// <summary>A schedule; <c>error</c> says why its coverage check failed (retried after a backoff), else null.</summary>
    public static JsonObject Schedule(Schedule s, IReadOnlyList<ScheduleOverride> overrides, string? error = null) => new()
    {
        ["name"] = s.Name,
        ["timeZone"] = s.Zone.Id,
        ["layers"] = new JsonArray([.. s.Layers.Select(l => (JsonNode)new JsonObject
        {
            ["name"] = l.Name,
            ["members"] = new JsonArray([.. l.Members.Select(m => (JsonNode)m)]),
            ["rotation"] = l.Rotation.ToString(),
            ["handoff"] = l.Handoff.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["start"] = l.Start.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["timeZone"] = l.Zone.Id,
            ["restrictions"] = new JsonArray([.. l.Restrictions.Select(r => (JsonNode)r.ToString())]),
        })]),
        ["overrides"] = new JsonArray([.. overrides.Select(o => (JsonNode)Override(o))]),
        ["error"] = error,
    };

    public static JsonObject Override(ScheduleOverride o) => new()
    {
        ["id"] = o.Id,
        ["schedule"] = o.Schedule,
        ["person"] = o.Person,
        ["from"] = OnCallTime.Utc(o.From),
        ["to"] = OnCallTime.Utc(o.To),
        ["source"] = o.Source,
        ["createdBy"] = o.CreatedBy,
        ["createdAt"] = o.Source == ScheduleOverride.FromConfig ? null : OnCallTime.Utc(o.CreatedAt),
        ["note"] = o.Note,
    };

    public static JsonObject Shift(Shift s, DateTimeZone zone) => new()
    {
        ["person"] = s.Person,
        ["layer"] = s.Layer,
        ["from"] = OnCallTime.Utc(s.From),
        ["to"] = OnCallTime.Utc(s.To),
        ["fromLocal"] = OnCallTime.Local(s.From, zone),
        ["toLocal"] = OnCallTime.Local(s.To, zone),
    };

    public static JsonObject Gap(InstantRange g, DateTimeZone zone) => new()
    {
        ["from"] = OnCallTime.Utc(g.From),
        ["to"] = OnCallTime.Utc(g.To),
        ["fromLocal"] = OnCallTime.Local(g.From, zone),
        ["toLocal"] = OnCallTime.Local(g.To, zone),
        ["text"] = CoverageGaps.Describe(g, zone),
    };

    public static string Kind(ContactKind k) => k switch
    {
        ContactKind.Email => "email",
        ContactKind.Slack => "slack",
        _ => "webhook",
    };
}
