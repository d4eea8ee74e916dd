using System.Globalization;
using System.Net.Http.Headers;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <c>pushover_configs</c>: Alertmanager 0.25's request, byte for byte: every field in the query string (url.Values,
/// sorted) of an empty text/plain POST to Pushover's API; title cut to 250 runes, message to 1024 (then trimmed, and
/// "(no details)" when empty), URL to 512. Only 5xx is retried.
/// </summary>
internal sealed class PushoverNotifier : INotifier
{
    private const int MaxTitleRunes = 250;
    private const int MaxMessageRunes = 1024;
    private const int MaxUrlRunes = 512;

    public string Kind => "pushover";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (PushoverConfig)notification.Config;
        var fields = new TemplateFields(notification);
        var parameters = new List<(string Key, string Value)>
        {
            ("token", fields.Text(config.Token)),
            ("user", fields.Text(config.UserKey)),
            ("title", TextTruncation.InRunes(fields.Text(config.Title), MaxTitleRunes).Text),
        };
        string message;
        if (config.Html)
        {
            parameters.Add(("html", "1"));
            message = fields.Html(config.Message);
        }
        else
        {
            message = fields.Text(config.Message);
        }
        message = TextTruncation.InRunes(message, MaxMessageRunes).Text.Trim();
        parameters.Add(("message", message.Length == 0 ? "(no details)" : message));
        parameters.Add(("url", TextTruncation.InRunes(fields.Text(config.Url), MaxUrlRunes).Text));
        parameters.Add(("url_title", fields.Text(config.UrlTitle)));
        parameters.Add(("priority", fields.Text(config.Priority)));
        parameters.Add(("retry", Seconds(config.Retry)));
        parameters.Add(("expire", Seconds(config.Expire)));
        parameters.Add(("sound", fields.Text(config.Sound)));
        if (fields.Error is not null)
        {
            return new AttemptResult(AttemptOutcome.Fail, null, fields.Error);
        }
        // The token and user key travel in the query, as Alertmanager sends them; errors never show the URL.
        var url = new Uri(PushoverConfig.ApiUrl + "?" + GoUrl.Encode(parameters));
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        return await StatusRetrier.Default.SendAsync(notification.Http, request, ct).ConfigureAwait(false);
    }

    private static string Seconds(TimeSpan d) => ((long)d.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
