using System.Text.Json;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// Turns a <c>POST /api/v2/alerts</c> body into alerts, applying Alertmanager's defaults:
/// a zero or missing <c>startsAt</c> is now (or <c>endsAt</c> when only that is given), a zero or missing
/// <c>endsAt</c> is now + resolve_timeout and marked as a timeout. Any invalid alert rejects the whole
/// request (Alertmanager 0.25 keeps the valid ones; Vigil changes nothing on bad input).
/// </summary>
internal static class AlertsRequestParser
{
    public static (List<Alert>? Alerts, AlertmanagerError? Error) Parse(ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan resolveTimeout)
    {
        List<PostableAlert>? postable;
        try
        {
            postable = JsonSerializer.Deserialize(body, AlertmanagerJsonContext.Default.ListPostableAlert);
        }
        catch (JsonException e)
        {
            return (null, AlertmanagerError.Parse(Describe(e)));
        }
        if (postable is null)
        {
            return (null, AlertmanagerError.Parse("the body must be a JSON array of alerts, not null"));
        }
        var alerts = new List<Alert>(postable.Count);
        var errors = new List<string>();
        for (var i = 0; i < postable.Count; i++)
        {
            var p = postable[i];
            if (p?.Labels is null)
            {
                return (null, AlertmanagerError.Required($"{i}.labels"));
            }
            var labels = LabelSet.From(p.Labels!);
            var annotations = p.Annotations is null ? LabelSet.Empty : LabelSet.From(p.Annotations!, keepEmptyValues: true);
            var startsAt = Unzero(p.StartsAt);
            var endsAt = Unzero(p.EndsAt);
            var start = startsAt ?? endsAt ?? now;
            var error = AlertValidation.Validate(labels, annotations, start, endsAt ?? default);
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }
            var timeout = endsAt is null;
            var end = endsAt ?? now + resolveTimeout;
            alerts.Add(new Alert(labels, annotations, start, end, p.GeneratorUrl ?? "", now, timeout));
        }
        return errors.Count > 0 ? (null, AlertmanagerError.Validation(string.Join("; ", errors))) : (alerts, null);
    }

    /// <summary>amtool sends 0001-01-01T00:00:00Z for "unset".</summary>
    private static DateTimeOffset? Unzero(DateTimeOffset? t) => t is { } v && v.UtcTicks > TimeSpan.TicksPerSecond ? v : null;

    private static string Describe(JsonException e)
    {
        var where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
        var inner = e.InnerException?.Message ?? e.Message;
        var first = inner.Split(". Path:", 2)[0].Split(" LineNumber:", 2)[0];
        return first.TrimEnd('.') + where;
    }
}
