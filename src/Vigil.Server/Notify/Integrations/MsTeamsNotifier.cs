using System.Net.Http.Headers;
using System.Text;
using Vigil.Server.Config;
using Vigil.Server.Notify.Webhook;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <c>msteams_configs</c>: Alertmanager 0.26's MessageCard (title, text, a theme colour by the group's status) posted to a
/// Teams incoming webhook. As 0.26, only 5xx answers are retried: its retrier for Teams has no extra codes, so a 429 fails
/// like any other 4xx; the error keeps the answer's body ("unexpected status code 400: …").
/// </summary>
internal sealed class MsTeamsNotifier : INotifier
{
    private const string Red = "8C1A1A";
    private const string Green = "2DC72D";

    public string Kind => "msteams";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (MsTeamsConfig)notification.Config;
        var fields = new TemplateFields(notification);
        var title = fields.Text(config.Title);
        var text = fields.Text(config.Text);
        if (fields.Error is not null)
        {
            return new AttemptResult(AttemptOutcome.Fail, null, fields.Error);
        }
        using var content = new ByteArrayContent(Body(title, text, notification.Data.Status == "firing" ? Red : Green));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, config.WebhookUrl.OriginalString) { Content = content };
        var result = await AnsweredHttp.SendAsync(notification.Http, request, ct).ConfigureAwait(false);
        return result is { Outcome: AttemptOutcome.Retry, StatusCode: < 500 } ? result with { Outcome = AttemptOutcome.Fail } : result;
    }

    /// <summary>Go's encoding of 0.26's message struct, in its field order, with the encoder's trailing newline.</summary>
    public static byte[] Body(string title, string text, string themeColor)
    {
        var sb = new StringBuilder(title.Length + text.Length + 128);
        sb.Append("{\"@context\":\"http://schema.org/extensions\",\"type\":\"MessageCard\",\"title\":");
        GoJson.String(sb, title);
        sb.Append(",\"text\":");
        GoJson.String(sb, text);
        sb.Append(",\"themeColor\":\"").Append(themeColor).Append("\"}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
