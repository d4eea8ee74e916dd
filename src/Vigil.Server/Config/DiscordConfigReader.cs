namespace Vigil.Server.Config;

/// <summary><c>discord_configs[]</c>, as Alertmanager 0.25 reads it (no <c>webhook_url_file</c>: a later version's key).</summary>
internal static class DiscordConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "webhook_url", "title", "message",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var url = map.Get("webhook_url") is { } u && u.Text().Length > 0 ? u.HttpUrl() : throw node.Error("no discord webhook URL provided");
        var defaults = new DiscordConfig { WebhookUrl = url };
        return new DiscordConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            WebhookUrl = url,
            Title = map.Has("title") ? map.Get("title")?.Text() ?? "" : defaults.Title,
            Message = map.Has("message") ? map.Get("message")?.Text() ?? "" : defaults.Message,
        };
    }
}
