namespace Vigil.Server.Config;

/// <summary><c>discord_configs[]</c>, as Alertmanager 0.25 reads it: one embed posted to a webhook.</summary>
public sealed record DiscordConfig : IntegrationConfig
{
    public DiscordConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "discord";

    /// <summary>The webhook URL: a secret (whoever has it can post to the channel).</summary>
    public required Uri WebhookUrl { get; init; }

    public string Title { get; init; } = """{{ template "discord.default.title" . }}""";

    public string Message { get; init; } = """{{ template "discord.default.message" . }}""";

    public override string Target => $"{WebhookUrl.Scheme}://{WebhookUrl.Authority}/<secret>";
}
