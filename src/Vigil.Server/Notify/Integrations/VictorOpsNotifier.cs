using System.Net.Http.Headers;
using System.Text;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <c>victorops_configs</c>: Alertmanager 0.25's REST-endpoint alert, byte for byte: a flat JSON object (keys sorted)
/// with message_type, entity_id (the group key's hash), entity_display_name, state_message (cut to 20480 runes),
/// monitoring_tool and the custom fields, posted to <c>api_url</c> + key + "/" + routing key. Only 5xx is retried.
/// </summary>
internal sealed class VictorOpsNotifier : INotifier
{
    private const int MaxMessageRunes = 20480;
    private static readonly HashSet<string> FiringTypes = new(StringComparer.Ordinal) { "INFO", "WARNING", "CRITICAL" };

    public string Kind => "victorops";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (VictorOpsConfig)notification.Config;
        var apiKey = config.ApiKey;
        if (apiKey is null)
        {
            var (read, error) = await SecretFile.ReadAsync(config.ApiKeyFile!, "API key", trim: true, ct).ConfigureAwait(false);
            if (read is null)
            {
                return new AttemptResult(AttemptOutcome.Fail, null, error);
            }
            apiKey = read;
        }
        var urlFields = new TemplateFields(notification);
        var routingKey = urlFields.Text(config.RoutingKey);
        if (urlFields.Error is not null)
        {
            return new AttemptResult(AttemptOutcome.Fail, null, "templating error: " + urlFields.Error);
        }
        var url = GoUrl.Append(config.ApiUrl, GoUrl.PathEscape(apiKey + "/" + routingKey));

        var fields = new TemplateFields(notification);
        var messageType = fields.Text(config.MessageType);
        var (stateMessage, _) = TextTruncation.InRunes(fields.Text(config.StateMessage), MaxMessageRunes);
        if (notification.Data.Status == "resolved")
        {
            messageType = "RECOVERY";
        }
        else if (!FiringTypes.Contains(messageType))
        {
            messageType = "CRITICAL";
        }
        var message = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["message_type"] = messageType,
            ["entity_id"] = notification.GroupKeyHash,
            ["entity_display_name"] = fields.Text(config.EntityDisplayName),
            ["state_message"] = stateMessage,
            ["monitoring_tool"] = fields.Text(config.MonitoringTool),
        };
        foreach (var (key, template) in config.CustomFields)
        {
            message[key] = fields.Text(template);
        }
        if (fields.Error is not null)
        {
            // Alertmanager retries a payload it could not template (its createVictorOpsPayload error is retried).
            return new AttemptResult(AttemptOutcome.Retry, null, "templating error: " + fields.Error);
        }
        var body = GoJsonBuilder.EncodeMap(message);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        return await StatusRetrier.Default.SendAsync(notification.Http, request, ct).ConfigureAwait(false);
    }
}
