using System.Text.Json;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
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
    /// <summary>A list larger than this is not kept for the thread's next request (a 10,000-alert request's ~800 KB).</summary>
    private const int MaxKeptItems = 1024;

    // The reader's list, reused by the thread's next request: a new one per request, grown step by step, was 12 % of
    // the bytes a batch-100 ingest allocated. Taken out while in use, so a nested call would get its own.
    [ThreadStatic]
    private static List<PostableAlertReader.Item?>? t_items;

    public static (List<Alert>? Alerts, AlertmanagerError? Error) Parse(ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan resolveTimeout)
    {
        var items = t_items ?? [];
        t_items = null;
        try
        {
            return Parse(body, now, resolveTimeout, items);
        }
        finally
        {
            items.Clear();
            if (items.Capacity <= MaxKeptItems)
            {
                t_items = items;
            }
        }
    }

    private static (List<Alert>? Alerts, AlertmanagerError? Error) Parse(ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan resolveTimeout,
        List<PostableAlertReader.Item?> into)
    {
        if (!PostableAlertReader.TryRead(body, into, out var items))
        {
            // Duplicate keys, broken text: refused alike on every JSON endpoint (Alertmanager would let the last key win).
            if (JsonInput.Check(body) is { } invalid)
            {
                return (null, AlertmanagerError.Parse(invalid));
            }
            // Not well-formed or not well-typed: the serializer says exactly why, as it always has.
            var error = SerializerError(body);
            if (error is not null)
            {
                return (null, error);
            }
            items = Read(body);
        }
        if (items is null)
        {
            return (null, AlertmanagerError.Parse("the body must be a JSON array of alerts, not null"));
        }
        var alerts = new List<Alert>(items.Count);
        var errors = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { Labels: { } labels } p)
            {
                return (null, AlertmanagerError.Required($"{i}.labels"));
            }
            var annotations = p.Annotations;
            var startsAt = Unzero(p.StartsAt);
            var endsAt = Unzero(p.EndsAt);
            if (startsAt is { } s && TimeLimits.CheckInstant(s) is { } early)
            {
                errors.Add("startsAt: " + early);
                continue;
            }
            if (endsAt is { } e && TimeLimits.CheckInstant(e) is { } late)
            {
                errors.Add("endsAt: " + late);
                continue;
            }
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

    private static AlertmanagerError? SerializerError(ReadOnlySpan<byte> body)
    {
        try
        {
            JsonSerializer.Deserialize(body, AlertmanagerJsonContext.Default.ListPostableAlert);
            return null;
        }
        catch (JsonException e)
        {
            return AlertmanagerError.Parse(Describe(e));
        }
    }

    /// <summary>The serializer's reading, for a body the fast reader turned down but the serializer accepts.</summary>
    private static List<PostableAlertReader.Item?>? Read(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize(body, AlertmanagerJsonContext.Default.ListPostableAlert)?
            .Select(p => p is null ? (PostableAlertReader.Item?)null : new PostableAlertReader.Item(
                p.Labels is null ? null : LabelSet.From(WithoutNulls(p.Labels)),
                p.Annotations is null ? AnnotationSet.Empty : AnnotationSet.From(WithoutNulls(p.Annotations)),
                p.StartsAt, p.EndsAt, p.GeneratorUrl))
            .ToList();

    private static IEnumerable<KeyValuePair<string, string>> WithoutNulls(Dictionary<string, string?> pairs) =>
        pairs.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!));

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
