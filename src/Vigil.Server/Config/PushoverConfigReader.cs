namespace Vigil.Server.Config;

/// <summary><c>pushover_configs[]</c>, as Alertmanager 0.25 reads it (keys, defaults, validation texts).</summary>
internal static class PushoverConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "user_key", "token", "title", "message", "url", "url_title", "sound", "priority",
        "retry", "expire", "html",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var defaults = new PushoverConfig { UserKey = "", Token = "" };
        var retry = Duration(map, "retry", defaults.Retry);
        var expire = Duration(map, "expire", defaults.Expire);
        var userKey = IntegrationYaml.Optional(map, "user_key") ?? throw node.Error("missing user key in Pushover config");
        var token = IntegrationYaml.Optional(map, "token") ?? throw node.Error("missing token in Pushover config");
        return new PushoverConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            UserKey = userKey,
            Token = token,
            Title = IntegrationYaml.Text(map, "title", defaults.Title),
            Message = IntegrationYaml.Text(map, "message", defaults.Message),
            Url = IntegrationYaml.Text(map, "url", defaults.Url),
            UrlTitle = IntegrationYaml.Text(map, "url_title"),
            Sound = IntegrationYaml.Text(map, "sound"),
            Priority = IntegrationYaml.Text(map, "priority", defaults.Priority),
            Retry = retry,
            Expire = expire,
            Html = map.Get("html")?.Bool() ?? false,
        };
    }

    private static TimeSpan Duration(YamlMap map, string key, TimeSpan fallback)
    {
        if (map.Get(key) is not { } node)
        {
            return fallback;
        }
        var (value, error) = GoDurationParser.Parse(node.Text());
        return error is null ? value : throw node.Error(error);
    }
}
