using System.Text.Json.Nodes;

namespace Vigil.Server.Escalation;

/// <summary>The JSON shapes of pages, their history and policies in Vigil's API.</summary>
internal static class PageJson
{
    /// <summary>A page; <c>error</c> says why the engine could not run its last due step (it retries after a backoff), else null.</summary>
    public static JsonObject ToJson(Page p, IReadOnlyList<PageEvent>? events = null, string? error = null)
    {
        var json = new JsonObject
        {
            ["id"] = p.Id,
            ["state"] = PageStore.StateName(p.State),
            ["title"] = p.Title,
            ["details"] = p.Details,
            ["policy"] = p.Policy,
            ["team"] = p.Team,
            ["receiver"] = p.Receiver,
            ["groupKey"] = p.GroupKey,
            ["dedupKey"] = p.DedupKey,
            ["level"] = p.Level + 1,
            ["round"] = p.Round + 1,
            ["step"] = p.Step,
            ["nextStepAt"] = p.NextStepAt,
            ["createdAt"] = p.CreatedAt,
            ["acknowledgedAt"] = p.AcknowledgedAt,
            ["acknowledgedBy"] = p.AcknowledgedBy,
            ["resolvedAt"] = p.ResolvedAt,
            ["resolvedBy"] = p.ResolvedBy,
            ["error"] = error,
        };
        if (events is not null)
        {
            json["events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
            {
                ["at"] = e.At,
                ["kind"] = e.Kind,
                ["actor"] = e.Actor,
                ["detail"] = e.Detail,
            })]);
        }
        return json;
    }

    public static JsonObject ToJson(EscalationPolicy policy) => new()
    {
        ["name"] = policy.Name,
        ["repeat"] = policy.Repeat,
        ["reackAfter"] = policy.ReackAfter is { } r ? Config.PromDuration.Format(r) : null,
        ["levels"] = new JsonArray([.. policy.Levels.Select(l => (JsonNode)new JsonObject
        {
            ["ackTimeout"] = Config.PromDuration.Format(l.AckTimeout),
            ["roundRobin"] = l.RoundRobin,
            ["targets"] = new JsonArray([.. l.Targets.Select(t => (JsonNode)new JsonObject { [t.Kind.ToString().ToLowerInvariant()] = t.Name })]),
        })]),
    };
}
