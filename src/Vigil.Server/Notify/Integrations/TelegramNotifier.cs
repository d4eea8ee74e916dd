using System.Net.Http.Headers;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary><c>telegram_configs</c>: the bot API's sendMessage, as Alertmanager 0.25 sends it, judged by Telegram's answer body.</summary>
internal sealed class TelegramNotifier : INotifier
{
    public string Kind => "telegram";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (TelegramConfig)notification.Config;
        var fields = new TemplateFields(notification);
        // With parse_mode HTML the message is rendered with HTML escaping. A template error is not checked by Alertmanager
        // 0.25 here (it sends the message, empty); Vigil does the same.
        var text = config.ParseMode == "HTML" ? fields.Html(config.Message) : fields.Text(config.Message);
        using var content = new ByteArrayContent(TelegramMessage.Body(config, text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, TelegramMessage.Path(config)) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", IntegrationHttp.UserAgent);
        using var response = await notification.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return TelegramMessage.Outcome((int)response.StatusCode, body);
    }
}
