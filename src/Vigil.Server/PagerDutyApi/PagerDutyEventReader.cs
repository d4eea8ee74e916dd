using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Server.Labels;

namespace Vigil.Server.PagerDutyApi;

/// <summary>
/// Reads and validates an Events API v2 body as PagerDuty does, collecting every error in its wording, and maps a
/// trigger's payload to labels (alertname from class, component or group, dedup_key, source, severity, component, group,
/// class, and the labels an Alertmanager sender lists in its details) and annotations (summary, custom_details as JSON).
/// </summary>
internal static class PagerDutyEventReader
{
    private static readonly string[] Severities = ["critical", "error", "warning", "info"];

    private static readonly string[] Actions = ["trigger", "acknowledge", "resolve"];

    public static (PagerDutyEvent? Event, List<string> Errors) Read(byte[] body)
    {
        var errors = new List<string>();
        if (Hosting.JsonInput.Check(body) is { } invalid)
        {
            // PagerDuty's own words for a syntax error; what else JsonInput refuses (a key twice, broken text) is named.
            return (null, [invalid.StartsWith("not valid JSON", StringComparison.Ordinal) ? "Event object is not valid JSON" : "Event object is not valid JSON: " + invalid]);
        }
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, ["Event object is not valid JSON"]);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ["Event object must be a JSON object"]);
        }
        var routingKey = Text(root, "routing_key");
        if (string.IsNullOrWhiteSpace(routingKey))
        {
            errors.Add("'routing_key' is missing or blank");
        }
        var action = Text(root, "event_action");
        if (string.IsNullOrWhiteSpace(action))
        {
            errors.Add("'event_action' is missing or blank");
        }
        else if (!Actions.Contains(action))
        {
            errors.Add("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
        }
        var dedup = Text(root, "dedup_key");
        if (dedup is { Length: > 255 })
        {
            errors.Add("'dedup_key' is too long (maximum is 255 characters)");
        }
        if (action is "acknowledge" or "resolve" && string.IsNullOrWhiteSpace(dedup))
        {
            errors.Add("'dedup_key' is missing or blank");
        }
        LabelSet labels = LabelSet.Empty, annotations = LabelSet.Empty;
        DateTimeOffset? timestamp = null;
        if (action == "trigger")
        {
            dedup = string.IsNullOrWhiteSpace(dedup) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : dedup;
            (labels, annotations, timestamp) = ReadPayload(root, dedup, errors);
        }
        return errors.Count > 0 ? (null, errors) : (new PagerDutyEvent(routingKey!, action!, dedup!, labels, annotations, timestamp), errors);
    }

    private static (LabelSet, LabelSet, DateTimeOffset?) ReadPayload(JsonElement root, string dedup, List<string> errors)
    {
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            errors.Add("'payload' is missing or not an object");
            return (LabelSet.Empty, LabelSet.Empty, null);
        }
        var summary = Text(payload, "summary");
        if (string.IsNullOrWhiteSpace(summary))
        {
            errors.Add("'payload.summary' is missing or blank");
        }
        else if (summary.Length > 1024)
        {
            errors.Add("'payload.summary' is too long (maximum is 1024 characters)");
        }
        var source = Text(payload, "source");
        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add("'payload.source' is missing or blank");
        }
        var severity = Text(payload, "severity");
        if (string.IsNullOrWhiteSpace(severity))
        {
            errors.Add("'payload.severity' is missing or blank");
        }
        else if (!Severities.Contains(severity))
        {
            errors.Add("'payload.severity' is invalid (must be one of: critical, error, warning, info)");
        }
        DateTimeOffset? timestamp = null;
        if (Text(payload, "timestamp") is { Length: > 0 } ts)
        {
            if (DateTimeOffset.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                timestamp = parsed;
            }
            else
            {
                errors.Add("'payload.timestamp' is not a valid ISO 8601 timestamp");
            }
        }
        JsonElement? details = payload.TryGetProperty("custom_details", out var d) && d.ValueKind != JsonValueKind.Null ? d : null;
        var pairs = new List<KeyValuePair<string, string>> { new("alertname", AlertName(payload, details)), new("dedup_key", dedup) };
        foreach (var field in new[] { "source", "severity", "component", "group", "class" })
        {
            if (Text(payload, field) is { Length: > 0 } value)
            {
                pairs.Add(new(field, value));
            }
        }
        // Labels an Alertmanager sender listed in its details (its firing alerts' common labels) are the sender's own: they
        // win over PagerDuty's fields of the same name (its severity field is a fixed "error" unless configured).
        if (details is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (var (name, value) in AlertmanagerDetails.CommonLabels(obj).Where(p => p.Key is not ("alertname" or "dedup_key")))
            {
                pairs.RemoveAll(p => p.Key == name);
                pairs.Add(new(name, value));
            }
        }
        var notes = new List<KeyValuePair<string, string>> { new("summary", summary ?? "") };
        if (details is { } raw)
        {
            notes.Add(new("custom_details", raw.GetRawText()));
        }
        return (LabelSet.From(pairs), LabelSet.From(notes), timestamp);
    }

    /// <summary>
    /// The alert's name as PagerDuty groups alerts: its class, else its component, else its group; else the alertname an
    /// Alertmanager sender listed for every firing alert in its details; else <see cref="DefaultAlertName"/>. Never the
    /// summary: that is free text which changes between triggers of one dedup key.
    /// </summary>
    private static string AlertName(JsonElement payload, JsonElement? details)
    {
        foreach (var field in new[] { "class", "component", "group" })
        {
            if (Text(payload, field) is { Length: > 0 } value)
            {
                return value;
            }
        }
        return details is { ValueKind: JsonValueKind.Object } obj && AlertmanagerDetails.CommonLabels(obj).FirstOrDefault(p => p.Key == "alertname").Value is { Length: > 0 } name
            ? name
            : DefaultAlertName;
    }

    /// <summary>The alertname of an event that names no class, component or group.</summary>
    public const string DefaultAlertName = "PagerDutyEvent";

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            _ => null,
        } : null;
}
