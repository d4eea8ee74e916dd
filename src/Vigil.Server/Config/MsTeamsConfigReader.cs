namespace Vigil.Server.Config;

/// <summary>
/// <c>msteams_configs[]</c>, as Alertmanager 0.26 reads it: <c>webhook_url</c> (required, "no msteams webhook URL
/// provided"), <c>title</c>, <c>text</c>, <c>send_resolved</c> and <c>http_config</c>. The <c>webhook_url_file</c> and
/// <c>summary</c> of later versions are unknown keys, as 0.26 refuses them.
/// </summary>
internal static class MsTeamsConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "webhook_url", "title", "text",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var url = map.Get("webhook_url") is { } u && u.Text().Length > 0 ? u.HttpUrl() : throw node.Error("no msteams webhook URL provided");
        var defaults = new MsTeamsConfig { WebhookUrl = url };
        return new MsTeamsConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            WebhookUrl = url,
            Title = map.Has("title") ? map.Get("title")?.Text() ?? "" : defaults.Title,
            Text = map.Has("text") ? map.Get("text")?.Text() ?? "" : defaults.Text,
        };
    }
}
