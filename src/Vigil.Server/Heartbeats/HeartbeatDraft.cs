using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Heartbeats;

/// <summary>Validates a heartbeat from the API's JSON (<c>name</c>, <c>period</c> or <c>cron</c> + <c>timeZone</c>, <c>grace</c>, <c>labels</c>).</summary>
internal static class HeartbeatDraft
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "name", "period", "grace", "cron", "timeZone", "labels" };

    public static (Heartbeat? Heartbeat, string Error) Build(JsonObject? body, string id, DateTimeOffset now)
    {
        if (body is null)
        {
            return (null, "expected a JSON object");
        }
        if (body.Select(p => p.Key).FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
        {
            return (null, $"{unknown}: unknown field");
        }
        try
        {
            var name = Text(body, "name")?.Trim();
            if (name is not { Length: > 0 })
            {
                return (null, "name: required");
            }
            var labels = new List<KeyValuePair<string, string>>();
            if (body["labels"] is JsonObject l)
            {
                foreach (var (k, v) in l)
                {
                    if (!LabelNames.IsValid(k))
                    {
                        return (null, $"labels: invalid label name \"{k}\"");
                    }
                    labels.Add(KeyValuePair.Create(k, v?.GetValue<string>() ?? ""));
                }
            }
            var hb = new Heartbeat { Id = id, Name = name, CreatedAt = now, Source = HeartbeatSources.Api, Labels = LabelSet.From(labels) };
            var error = Complete(ref hb, Text(body, "period"), Text(body, "grace"), Text(body, "cron"), Text(body, "timeZone"));
            return error is null ? (hb, "") : (null, error);
        }
        catch (InvalidOperationException e)
        {
            return (null, $"a field has the wrong type: {e.Message}");
        }
    }

    /// <summary>
    /// Sets the schedule from texts (shared with the config reader); null when valid, else "field: reason". Ranges are
    /// <see cref="HeartbeatLimits"/>'s.
    /// </summary>
    public static string? Complete(ref Heartbeat hb, string? period, string? grace, string? cron, string? zone)
    {
        if (grace is { Length: > 0 })
        {
            if (TimeLimits.ParseDuration(grace, HeartbeatLimits.MinGrace, HeartbeatLimits.MaxGrace, out var g) is { } reason)
            {
                return "grace: " + reason;
            }
            hb = hb with { Grace = g };
        }
        var hasPeriod = period is { Length: > 0 };
        var hasCron = cron is { Length: > 0 };
        if (hasPeriod == hasCron)
        {
            return "period: give either a period or a cron schedule";
        }
        if (hasPeriod)
        {
            if (TimeLimits.ParseDuration(period!, HeartbeatLimits.MinPeriod, HeartbeatLimits.MaxPeriod, out var p) is { } reason)
            {
                return "period: " + reason;
            }
            return zone is { Length: > 0 } ? "timeZone: only with a cron schedule" : Set(ref hb, hb with { Period = p });
        }
        return HeartbeatLimits.CheckSchedule(cron!, zone) ?? Set(ref hb, hb with { Cron = cron!.Trim(), TimeZone = zone is { Length: > 0 } ? zone : null });
    }

    private static string? Set(ref Heartbeat hb, Heartbeat value)
    {
        hb = value;
        return null;
    }

    private static string? Text(JsonObject body, string key) => body[key]?.GetValue<string>();
}
