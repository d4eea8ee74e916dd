using System.Net.Http.Headers;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary><c>webhook_configs</c>: Alertmanager's webhook payload version 4, POSTed as it is stored; <c>url_file</c> is read at every send.</summary>
internal sealed class WebhookNotifier : INotifier
{
    public string Kind => "webhook";

    public bool UsesTemplateData => false;

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (WebhookConfig)notification.Config;
        string url;
        if (config.Url is not null)
        {
            url = config.Url.ToString();
        }
        else
        {
            try
            {
                url = (await File.ReadAllTextAsync(config.UrlFile!, ct).ConfigureAwait(false)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new AttemptResult(AttemptOutcome.Retry, null, "read url_file: " + e.Message);
            }
        }
        using var content = new ByteArrayContent(notification.WebhookPayload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        return await IntegrationHttp.SendAsync(notification.Http, request, ct).ConfigureAwait(false);
    }
}
