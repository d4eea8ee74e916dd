using System.Net.Http.Headers;
using System.Text;
using Vigil.Server.Config;
using Vigil.Server.Notify.Webhook;

namespace Vigil.Server.Notify.Integrations;

/// <summary><c>webex_configs</c>: Alertmanager 0.25's message (Markdown, cut to Webex's size limit) to a room.</summary>
internal sealed class WebexNotifier : INotifier
{
    /// <summary>Webex's limit for a message, in bytes.</summary>
    public const int MaxMessageBytes = 7439;

    public string Kind => "webex";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (WebexConfig)notification.Config;
        var fields = new TemplateFields(notification);
        var message = fields.Text(config.Message);
        if (fields.Error is not null)
        {
            return new AttemptResult(AttemptOutcome.Fail, null, fields.Error);
        }
        var sb = new StringBuilder(message.Length + 64);
        sb.Append("{\"markdown\":");
        GoJson.String(sb, TextTruncation.InBytes(message, MaxMessageBytes).Text);
        if (config.RoomId.Length > 0)
        {
            sb.Append(",\"roomId\":");
            GoJson.String(sb, config.RoomId);
        }
        sb.Append("}\n");
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(sb.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, config.ApiUrl.OriginalString) { Content = content };
        return await AnsweredHttp.SendAsync(notification.Http, request, ct).ConfigureAwait(false);
    }
}
