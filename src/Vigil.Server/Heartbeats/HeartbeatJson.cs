using System.Text.Json.Nodes;
using Vigil.Server.Config;

namespace Vigil.Server.Heartbeats;

/// <summary>
/// The wire shape of a heartbeat in <c>/api/v1/heartbeats</c>, with its ping URLs. The id is the ping secret:
/// without <paramref name="showSecret"/> (a read token) the id and URLs show <c>&lt;secret&gt;</c> in its place.
/// A heartbeat that is not evaluated has state <c>error</c> and the reason in <c>error</c> (null otherwise).
/// </summary>
internal static class HeartbeatJson
{
    public static JsonObject View(Heartbeat hb, HeartbeatPings p, HeartbeatVerdict verdict, string baseUrl, bool showSecret = true, string? error = null)
    {
        var id = showSecret ? hb.Id : Security.SecretView.Mask;
        var ping = $"{baseUrl.TrimEnd('/')}/hb/{id}";
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = hb.Name,
            ["source"] = hb.Source,
            ["period"] = hb.Period is { } period ? PromDuration.Format(period) : null,
            ["cron"] = hb.Cron,
            ["timeZone"] = hb.Cron is null ? null : hb.TimeZone ?? "UTC",
            ["grace"] = PromDuration.Format(hb.Grace),
            ["labels"] = new JsonObject([.. hb.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]),
            ["state"] = error is not null ? "error" : verdict.AlertName switch { null => "up", HeartbeatVerdict.Failed => "failed", _ => "missing" },
            ["reason"] = verdict.Reason,
            ["lastPingAt"] = p.LastPingAt,
            ["lastStartAt"] = p.LastStartAt,
            ["lastFailAt"] = p.LastFailAt,
            ["pingUrl"] = ping,
            ["startUrl"] = ping + "/start",
            ["failUrl"] = ping + "/fail",
            ["error"] = error,
        };
    }

}
