namespace Vigil.Server.Config;

/// <summary><c>webex_configs[]</c>, as Alertmanager 0.25 reads it, with its validation texts.</summary>
internal static class WebexConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "api_url", "message", "room_id",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var roomId = map.Get("room_id")?.Text() ?? "";
        if (roomId.Length == 0)
        {
            throw node.Error("missing room_id on webex_config");
        }
        // Alertmanager demands the receiver's own http_config with an authorization (or bearer_token): the global one does not count.
        var own = map.Get("http_config");
        var http = HttpClientConfigReader.Read(own, global.HttpConfig);
        if (own is null || http.Authorization is null)
        {
            throw node.Error("missing webex_configs.http_config.authorization");
        }
        var defaults = new WebexConfig { ApiUrl = global.WebexApiUrl, RoomId = roomId };
        return new WebexConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            Http = http,
            ApiUrl = map.Get("api_url") is { } url && url.Text().Length > 0 ? url.HttpUrl() : global.WebexApiUrl,
            RoomId = roomId,
            Message = map.Has("message") ? map.Get("message")?.Text() ?? "" : defaults.Message,
        };
    }
}
