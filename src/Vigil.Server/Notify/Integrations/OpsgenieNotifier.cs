using System.Net.Http.Headers;
using System.Text;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <c>opsgenie_configs</c>: Alertmanager 0.25's Alert API v2 requests, byte for byte. Firing: create the alert under the
/// group key's hash as alias (then, with <c>update_alerts</c>, PUT its message and description); resolved: close it.
/// Details are the group's common labels plus the configured ones; the message is cut to 130 runes.
/// </summary>
internal sealed class OpsgenieNotifier : INotifier
{
    private const int MaxMessageRunes = 130;

    private static readonly StatusRetrier Retrier = new([429]);

    public string Kind => "opsgenie";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (OpsgenieConfig)notification.Config;
        var fields = new TemplateFields(notification);
        var details = new Dictionary<string, string>(notification.Data.CommonLabels.Entries, StringComparer.Ordinal);
        foreach (var (key, template) in config.Details)
        {
            details[key] = fields.Text(template);
        }
        var alias = notification.GroupKeyHash;
        var requests = new List<(HttpMethod Method, Uri Url, string Body)>();
        if (notification.Data.Status == "resolved")
        {
            var close = new GoJsonBuilder().Open().String("source", fields.Text(config.Source)).Close().Encode();
            requests.Add((HttpMethod.Post, GoUrl.Append(config.ApiUrl, $"v2/alerts/{alias}/close", [("identifierType", "alias")]), close));
        }
        else
        {
            var (message, _) = TextTruncation.InRunes(fields.Text(config.Message), MaxMessageRunes);
            var responders = Responders(config, fields);
            var description = fields.Text(config.Description);
            var create = new GoJsonBuilder().Open()
                .String("alias", alias)
                .String("message", message)
                .String("description", description, omitEmpty: true)
                .Map("details", details)
                .String("source", fields.Text(config.Source))
                .Objects("responders", responders, (b, r) => b
                    .String("id", r.Id, omitEmpty: true).String("name", r.Name, omitEmpty: true)
                    .String("username", r.Username, omitEmpty: true).String("type", r.Type), omitEmpty: true)
                .Strings("tags", SafeSplit(fields.Text(config.Tags)), omitEmpty: true)
                .String("note", fields.Text(config.Note), omitEmpty: true)
                .String("priority", fields.Text(config.Priority), omitEmpty: true)
                .String("entity", fields.Text(config.Entity), omitEmpty: true)
                .Strings("actions", SafeSplit(fields.Text(config.Actions)), omitEmpty: true)
                .Close().Encode();
            requests.Add((HttpMethod.Post, GoUrl.Append(config.ApiUrl, "v2/alerts"), create));
            if (config.UpdateAlerts)
            {
                var updateMessage = new GoJsonBuilder().Open().String("message", message, omitEmpty: true).Close().Encode();
                requests.Add((HttpMethod.Put, GoUrl.Append(config.ApiUrl, $"v2/alerts/{alias}/message", [("identifierType", "alias")]), updateMessage));
                var updateDescription = new GoJsonBuilder().Open().String("description", description, omitEmpty: true).Close().Encode();
                requests.Add((HttpMethod.Put, GoUrl.Append(config.ApiUrl, $"v2/alerts/{alias}/description", [("identifierType", "alias")]), updateDescription));
            }
        }
        string apiKey;
        if (config.ApiKey is not null)
        {
            apiKey = fields.Text(config.ApiKey);
        }
        else
        {
            // Alertmanager sends the file as it is, which fails on a file ending in a newline; Vigil trims it.
            var (read, error) = await SecretFile.ReadAsync(config.ApiKeyFile!, "API key", trim: true, ct).ConfigureAwait(false);
            if (read is null)
            {
                return new AttemptResult(AttemptOutcome.Fail, null, "read key_file error: " + error);
            }
            apiKey = fields.Text(read);
        }
        if (fields.Error is not null)
        {
            return new AttemptResult(AttemptOutcome.Fail, null, "templating error: " + fields.Error);
        }
        AttemptResult result = new(AttemptOutcome.Delivered, null, null);
        foreach (var (method, url, body) in requests)
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.TryAddWithoutValidation("Authorization", "GenieKey " + apiKey);
            result = await Retrier.SendAsync(notification.Http, request, ct).ConfigureAwait(false);
            if (result.Outcome != AttemptOutcome.Delivered)
            {
                return result;
            }
        }
        return result;
    }

    /// <summary>Responders rendered; all-empty ones dropped (filled from labels that may be missing); <c>teams</c> expanded per name.</summary>
    private static List<OpsgenieResponder> Responders(OpsgenieConfig config, TemplateFields fields)
    {
        var result = new List<OpsgenieResponder>();
        foreach (var r in config.Responders)
        {
            var responder = new OpsgenieResponder(fields.Text(r.Id), fields.Text(r.Name), fields.Text(r.Username), fields.Text(r.Type));
            if (responder is { Id: "", Name: "", Username: "", Type: "" })
            {
                continue;
            }
            if (responder.Type == "teams")
            {
                result.AddRange(SafeSplit(responder.Name).Select(team => new OpsgenieResponder("", fields.Text(team), "", "team")));
                continue;
            }
            result.Add(responder);
        }
        return result;
    }

    /// <summary>Alertmanager's safeSplit: the whole text trimmed, split on commas, empty parts dropped (parts are not trimmed).</summary>
    private static List<string> SafeSplit(string s) => [.. s.Trim().Split(',').Where(x => x.Length > 0)];
}
