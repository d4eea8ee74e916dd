namespace Vigil.Server.Config;

/// <summary><c>wechat_configs[]</c>, as Alertmanager 0.25 reads it (keys, global defaults, validation texts).</summary>
internal static class WechatConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "api_secret", "corp_id", "message", "api_url", "to_user", "to_party", "to_tag",
        "agent_id", "message_type",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var messageType = IntegrationYaml.Optional(map, "message_type") ?? "text";
        if (messageType is not ("text" or "markdown"))
        {
            throw node.Error($"weChat message type {Templates.GoQuote.Quote(messageType)} does not match valid options ^(text|markdown)$");
        }
        var secret = IntegrationYaml.Optional(map, "api_secret") ?? global.WechatApiSecret ?? throw node.Error("no global Wechat ApiSecret set");
        var corpId = IntegrationYaml.Optional(map, "corp_id") ?? global.WechatApiCorpId ?? throw node.Error("no global Wechat CorpID set");
        var defaults = new WechatConfig { ApiSecret = secret, CorpId = corpId, ApiUrl = global.WechatApiUrl };
        return new WechatConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? false,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            ApiSecret = secret,
            CorpId = corpId,
            ApiUrl = OpsgenieConfigReader.WithTrailingSlash(map.Get("api_url")?.HttpUrl() ?? global.WechatApiUrl),
            Message = IntegrationYaml.Text(map, "message", defaults.Message),
            ToUser = IntegrationYaml.Text(map, "to_user", defaults.ToUser),
            ToParty = IntegrationYaml.Text(map, "to_party", defaults.ToParty),
            ToTag = IntegrationYaml.Text(map, "to_tag", defaults.ToTag),
            AgentId = IntegrationYaml.Text(map, "agent_id", defaults.AgentId),
            MessageType = messageType,
        };
    }
}
