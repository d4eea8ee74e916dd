using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Server.Config;
using Vigil.Server.Templates;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <c>pagerduty_configs</c>: Alertmanager 0.25's Events API v2 (or v1 with a service key) message, byte for byte:
/// dedup/incident key = the group key's hash, trigger or resolve by the group's status, details rendered first (a
/// failing detail stops the send), the summary cut to 1024 runes, details replaced when the event passes 512 KB.
/// </summary>
internal sealed class PagerDutyNotifier : INotifier
{
    private const int MaxEventBytes = 512000;
    private const int MaxSummaryRunes = 1024;
    private const string TooBig = "Custom details have been removed because the original event exceeds the maximum size of 512KB";

    // v1 retries rate limiting (403) as Alertmanager does; v2 retries 429. Both retry 5xx.
    private static readonly StatusRetrier V1Retrier = new([403], ErrorDetails);
    private static readonly StatusRetrier V2Retrier = new([429], ErrorDetails);

    public string Kind => "pagerduty";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (PagerdutyConfig)notification.Config;
        var eventType = notification.Data.Status == "resolved" ? "resolve" : "trigger";
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, template) in config.Details)
        {
            try
            {
                details[key] = notification.Templates.ExecuteText(template, notification.Data);
            }
            catch (TemplateException e)
            {
                return Fail($"{GoQuote.Quote(key)}: failed to template {GoQuote.Quote(template)}: {e.Message}");
            }
        }
        return config.IsV1
            ? await NotifyV1Async(notification, config, eventType, details, ct).ConfigureAwait(false)
            : await NotifyV2Async(notification, config, eventType, details, ct).ConfigureAwait(false);
    }

    private static async Task<AttemptResult> NotifyV1Async(
        Notification notification, PagerdutyConfig config, string eventType, Dictionary<string, string> details, CancellationToken ct)
    {
        var fields = new TemplateFields(notification);
        var (description, _) = TextTruncation.InRunes(fields.Text(config.Description), MaxSummaryRunes);
        var serviceKey = config.ServiceKey;
        if (serviceKey is null)
        {
            var (read, error) = await SecretFile.ReadAsync(config.ServiceKeyFile!, "service key", trim: true, ct).ConfigureAwait(false);
            if (read is null)
            {
                return Fail(error!);
            }
            serviceKey = read;
        }
        serviceKey = fields.Text(serviceKey);
        var trigger = eventType == "trigger";
        var client = trigger ? fields.Text(config.Client) : "";
        var clientUrl = trigger ? fields.Text(config.ClientUrl) : "";
        if (fields.Error is not null)
        {
            return Fail("failed to template PagerDuty v1 message: " + fields.Error);
        }
        if (serviceKey.Length == 0)
        {
            return Fail("service key cannot be empty");
        }
        string Encode(IReadOnlyDictionary<string, string> d) => new GoJsonBuilder().Open()
            .String("service_key", serviceKey, omitEmpty: true)
            .String("incident_key", notification.GroupKeyHash, omitEmpty: true)
            .String("event_type", eventType, omitEmpty: true)
            .String("description", description, omitEmpty: true)
            .String("event_action", "")
            .Raw("payload", "null")
            .String("client", client, omitEmpty: true)
            .String("client_url", clientUrl, omitEmpty: true)
            .Map("details", d, omitEmpty: true)
            .Close().Encode();
        var body = Encode(details);
        if (Encoding.UTF8.GetByteCount(body) > MaxEventBytes)
        {
            body = Encode(new Dictionary<string, string> { ["error"] = TooBig });
        }
        return await PostAsync(notification.Http, PagerdutyConfig.V1Url, body, V1Retrier, ct).ConfigureAwait(false);
    }

    private static async Task<AttemptResult> NotifyV2Async(
        Notification notification, PagerdutyConfig config, string eventType, Dictionary<string, string> details, CancellationToken ct)
    {
        var fields = new TemplateFields(notification);
        var (summary, _) = TextTruncation.InRunes(fields.Text(config.Description), MaxSummaryRunes);
        var routingKey = config.RoutingKey;
        if (routingKey is null)
        {
            var (read, error) = await SecretFile.ReadAsync(config.RoutingKeyFile!, "routing key", trim: true, ct).ConfigureAwait(false);
            if (read is null)
            {
                return Fail(error!);
            }
            routingKey = read;
        }
        var client = fields.Text(config.Client);
        var clientUrl = fields.Text(config.ClientUrl);
        routingKey = fields.Text(routingKey);
        var source = fields.Text(config.Source);
        var severity = fields.Text(config.Severity.Length == 0 ? "error" : config.Severity);
        var @class = fields.Text(config.Class);
        var component = fields.Text(config.Component);
        var group = fields.Text(config.Group);
        var images = config.Images.Select(i => new PagerdutyImage(fields.Text(i.Src), fields.Text(i.Alt), fields.Text(i.Href)))
            .Where(i => i.Src.Length > 0).ToList();
        var links = config.Links.Select(l => new PagerdutyLink(fields.Text(l.Href), fields.Text(l.Text)))
            .Where(l => l.Href.Length > 0).ToList();
        if (fields.Error is not null)
        {
            return Fail("failed to template PagerDuty v2 message: " + fields.Error);
        }
        if (routingKey.Length == 0)
        {
            return Fail("routing key cannot be empty");
        }
        string Encode(IReadOnlyDictionary<string, string> d) => new GoJsonBuilder().Open()
            .String("routing_key", routingKey, omitEmpty: true)
            .String("dedup_key", notification.GroupKeyHash, omitEmpty: true)
            .String("event_action", eventType)
            .Object("payload")
                .String("summary", summary)
                .String("source", source)
                .String("severity", severity)
                .String("class", @class, omitEmpty: true)
                .String("component", component, omitEmpty: true)
                .String("group", group, omitEmpty: true)
                .Map("custom_details", d, omitEmpty: true)
            .Close()
            .String("client", client, omitEmpty: true)
            .String("client_url", clientUrl, omitEmpty: true)
            .Objects("images", images, (b, i) => b.String("src", i.Src).String("alt", i.Alt).String("href", i.Href), omitEmpty: true)
            .Objects("links", links, (b, l) => b.String("href", l.Href).String("text", l.Text), omitEmpty: true)
            .Close().Encode();
        var body = Encode(details);
        if (Encoding.UTF8.GetByteCount(body) > MaxEventBytes)
        {
            body = Encode(new Dictionary<string, string> { ["error"] = TooBig });
        }
        return await PostAsync(notification.Http, config.Url, body, V2Retrier, ct).ConfigureAwait(false);
    }

    private static async Task<AttemptResult> PostAsync(HttpClient http, Uri url, string body, StatusRetrier retrier, CancellationToken ct)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        return await retrier.SendAsync(http, request, ct).ConfigureAwait(false);
    }

    private static AttemptResult Fail(string error) => new(AttemptOutcome.Fail, null, error);

    /// <summary>PagerDuty's 400 answer as Alertmanager words it: "message: error,error"; nothing for other statuses.</summary>
    private static string ErrorDetails(int status, string body)
    {
        if (status != 400)
        {
            return "";
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "";
            }
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "";
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                ? string.Join(",", e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : ""))
                : "";
            return $"{message}: {errors}";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
