using System.Net.Http.Headers;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary><c>slack_configs</c>: Alertmanager 0.25's attachment message, POSTed as JSON to <c>api_url</c> (or the URL in <c>api_url_file</c>, read at every send).</summary>
internal sealed class SlackNotifier : INotifier
{
    public string Kind => "slack";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (SlackConfig)notification.Config;
        var fields = new TemplateFields(notification);
        var (body, channel, _) = SlackMessage.Build(config, fields);
        if (fields.Error is not null)
        {
            // Alertmanager sends nothing when a template fails, and does not retry.
            return new AttemptResult(AttemptOutcome.Fail, null, fields.Error);
        }
        string url;
        if (config.ApiUrl is not null)
        {
            url = config.ApiUrl.OriginalString;
        }
        else
        {
            try
            {
                url = (await File.ReadAllTextAsync(config.ApiUrlFile!, ct).ConfigureAwait(false)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new AttemptResult(AttemptOutcome.Fail, null, "read api_url_file: " + e.Message);
            }
        }
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        var result = await AnsweredHttp.SendAsync(notification.Http, request, ct).ConfigureAwait(false);
        return result.Error is null ? result : result with { Error = $"channel {Templates.GoQuote.Quote(channel)}: {result.Error}" };
    }
}
