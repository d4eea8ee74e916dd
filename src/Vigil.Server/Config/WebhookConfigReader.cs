namespace Vigil.Server.Config;

/// <summary><c>webhook_configs[]</c>, as Alertmanager 0.25 reads it.</summary>
internal static class WebhookConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "url", "url_file", "send_resolved", "max_alerts", "http_config",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var maxAlerts = 0L;
        if (map.Get("max_alerts") is { } maxNode)
        {
            maxAlerts = maxNode.Int();
            if (maxAlerts is < 0 or > int.MaxValue)
            {
                throw maxNode.Error($"must be between 0 and {int.MaxValue}, got {maxAlerts}");
            }
        }
        var url = map.Get("url") is { IsNull: false } u && u.Text().Length > 0 ? u : null;
        var file = map.Get("url_file")?.Text() is { Length: > 0 } f ? f : null;
        if (url is null && file is null)
        {
            throw node.Error("one of url or url_file must be configured");
        }
        if (url is not null && file is not null)
        {
            throw node.Error("at most one of url & url_file must be configured");
        }
        return new WebhookConfig
        {
            Url = url?.HttpUrl(),
            UrlFile = file,
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            MaxAlerts = (int)maxAlerts,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
        };
    }
}
