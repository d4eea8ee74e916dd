namespace Vigil.Server.Config;

/// <summary><c>telegram_configs[]</c>, as Alertmanager 0.25 reads it: a bot's sendMessage to one chat.</summary>
public sealed record TelegramConfig : IntegrationConfig
{
    public TelegramConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "telegram";

    /// <summary><c>api_url</c>, default <c>global.telegram_api_url</c> (https://api.telegram.org); kept as written, as Go prints it.</summary>
    public required Uri ApiUrl { get; init; }

    /// <summary>The bot token (a secret: it is in the request path).</summary>
    public required string BotToken { get; init; }

    public required long ChatId { get; init; }

    public string Message { get; init; } = """{{ template "telegram.default.message" . }}""";

    public bool DisableNotifications { get; init; }

    /// <summary><c>Markdown</c>, <c>MarkdownV2</c>, <c>HTML</c> (the default: the message is rendered with HTML escaping) or empty.</summary>
    public string ParseMode { get; init; } = "HTML";

    /// <summary>The API host and the chat; the token is the secret part of the path.</summary>
    public override string Target => $"{ApiUrl.Scheme}://{ApiUrl.Authority}/bot<secret> chat {ChatId}";
}
