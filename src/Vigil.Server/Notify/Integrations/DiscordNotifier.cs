using System.Net.Http.Headers;
using System.Text;
using Vigil.Server.Config;
using Vigil.Server.Notify.Webhook;

namespace Vigil.Server.Notify.Integrations;

/// <summary><c>discord_configs</c>: Alertmanager 0.25's webhook body, one embed coloured by the group's status.</summary>
internal sealed class DiscordNotifier : INotifier
{
    private const int Red = 0x992D22;
    private const int Green = 0x2ECC71;

    public string Kind => "discord";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (DiscordConfig)notification.Config;
        var fields = new TemplateFields(notification);
        var title = fields.Text(config.Title);
        var description = fields.Text(config.Message);
        if (fields.Error is not null)
        {
            return new AttemptResult(AttemptOutcome.Fail, null, fields.Error);
        }
        using var content = new ByteArrayContent(Body(title, description, notification.Data.Status == "firing" ? Red : Green));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, config.WebhookUrl.OriginalString) { Content = content };
        return await AnsweredHttp.SendAsync(notification.Http, request, ct).ConfigureAwait(false);
    }

    /// <summary>Go's encoding of Alertmanager's struct: <c>content</c> always (empty), one embed, the encoder's newline.</summary>
    public static byte[] Body(string title, string description, int color)
    {
        var sb = new StringBuilder(title.Length + description.Length + 96);
        sb.Append("{\"content\":\"\",\"embeds\":[{\"title\":");
        GoJson.String(sb, title);
        sb.Append(",\"description\":");
        GoJson.String(sb, description);
        sb.Append(",\"color\":").Append(color).Append("}]}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
