using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Config;

/// <summary><c>telegram_configs[]</c>, as Alertmanager 0.25 reads it (no <c>bot_token_file</c> nor <c>message_thread_id</c>: later versions).</summary>
internal static class TelegramConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "api_url", "bot_token", "chat_id", "message", "disable_notifications", "parse_mode",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var defaults = new TelegramConfig { ApiUrl = global.TelegramApiUrl, BotToken = "", ChatId = 0 };
        long chatId = 0;
        if (map.Get("chat_id") is { } chat)
        {
            // Go's yaml.v2 does not read a quoted string into an int64.
            if (chat.Node is YamlScalarNode { Style: not ScalarStyle.Plain })
            {
                throw chat.Error($"cannot unmarshal !!str `{chat.Text()}` into int64");
            }
            chatId = chat.Int();
        }
        var token = map.Get("bot_token")?.Text() ?? "";
        var parseMode = map.Has("parse_mode") ? map.Get("parse_mode")?.Text() ?? "" : defaults.ParseMode;
        if (token.Length == 0)
        {
            throw node.Error("missing bot_token on telegram_config");
        }
        if (chatId == 0)
        {
            throw node.Error("missing chat_id on telegram_config");
        }
        if (parseMode is not ("" or "Markdown" or "MarkdownV2" or "HTML"))
        {
            throw node.Error("unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string");
        }
        return new TelegramConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            ApiUrl = map.Get("api_url") is { } url && url.Text().Length > 0 ? url.HttpUrl() : global.TelegramApiUrl,
            BotToken = token,
            ChatId = chatId,
            Message = map.Has("message") ? map.Get("message")?.Text() ?? "" : defaults.Message,
            DisableNotifications = map.Get("disable_notifications")?.Bool() ?? false,
            ParseMode = parseMode,
        };
    }
}
