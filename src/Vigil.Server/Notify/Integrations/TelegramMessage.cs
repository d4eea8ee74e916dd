using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Server.Config;
using Vigil.Server.Notify.Webhook;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// Alertmanager 0.25's Telegram request (made by its telebot library): the bot API's sendMessage with string parameters,
/// as a JSON object with sorted keys; and how telebot reads the answer (the body decides, not the HTTP status).
/// </summary>
internal static class TelegramMessage
{
    /// <summary>Telegram's limit for a message, in characters (Alertmanager counts runes).</summary>
    public const int MaxMessageRunes = 4096;

    public static string Path(TelegramConfig c) => c.ApiUrl.OriginalString + "/bot" + c.BotToken + "/sendMessage";

    public static byte[] Body(TelegramConfig c, string text)
    {
        var sb = new StringBuilder(text.Length + 128);
        sb.Append("{\"chat_id\":\"").Append(c.ChatId.ToString(CultureInfo.InvariantCulture)).Append('"');
        if (c.DisableNotifications)
        {
            sb.Append(",\"disable_notification\":\"true\"");
        }
        sb.Append(",\"disable_web_page_preview\":\"true\"");
        if (c.ParseMode.Length > 0)
        {
            sb.Append(",\"parse_mode\":");
            GoJson.String(sb, c.ParseMode);
        }
        sb.Append(",\"text\":");
        GoJson.String(sb, TextTruncation.InRunes(text, MaxMessageRunes).Text);
        sb.Append("}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>
    /// The attempt's outcome from Telegram's answer: <c>"ok":true</c> with a message delivers; an API error is retried when
    /// Telegram says it is temporary (429, 5xx) and fails otherwise (a wrong chat or token does not heal); an answer that is
    /// not the API's JSON (a proxy's error page) is retried.
    /// </summary>
    public static AttemptResult Outcome(int status, byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new AttemptResult(AttemptOutcome.Retry, status, $"telegram: unexpected answer (HTTP {status})");
            }
            if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
            {
                return !root.TryGetProperty("result", out var result) || result.ValueKind is JsonValueKind.Object or JsonValueKind.Null
                    ? new AttemptResult(AttemptOutcome.Delivered, status, null)
                    : new AttemptResult(AttemptOutcome.Retry, status, "telegram: unexpected result in the answer");
            }
            var code = root.TryGetProperty("error_code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : "";
            var retry = code is 429 or >= 500 or 0;
            return new AttemptResult(retry ? AttemptOutcome.Retry : AttemptOutcome.Fail, status, $"telegram: {description} ({code})");
        }
        catch (JsonException)
        {
            return new AttemptResult(AttemptOutcome.Retry, status, $"telegram: the answer is not JSON (HTTP {status})");
        }
    }
}
