namespace Vigil.Server.Config;

/// <summary><c>victorops_configs[]</c>, as Alertmanager 0.25 reads it (keys, global defaults, validation texts).</summary>
internal static class VictorOpsConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "api_key", "api_key_file", "api_url", "routing_key", "message_type", "state_message",
        "entity_display_name", "monitoring_tool", "custom_fields",
    };

    /// <summary>Fields Alertmanager sets itself, in the order it checks them.</summary>
    private static readonly string[] Reserved =
        ["routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool", "entity_id", "entity_state"];

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var routingKey = IntegrationYaml.Optional(map, "routing_key") ?? throw node.Error("missing Routing key in VictorOps config");
        IntegrationYaml.AtMostOne(node, map, "api_key", "api_key_file");
        var customFields = IntegrationYaml.StringMap(map.Get("custom_fields"));
        if (Reserved.FirstOrDefault(customFields.ContainsKey) is { } reserved)
        {
            throw node.Error($"victorOps config contains custom field {reserved} which cannot be used as it conflicts with the fixed/static fields");
        }
        var apiKey = IntegrationYaml.Optional(map, "api_key");
        var apiKeyFile = IntegrationYaml.Optional(map, "api_key_file");
        if (apiKey is null && apiKeyFile is null)
        {
            if (global.VictoropsApiKey is null && global.VictoropsApiKeyFile is null)
            {
                throw node.Error("no global VictorOps API Key set");
            }
            apiKey = global.VictoropsApiKey;
            apiKeyFile = global.VictoropsApiKeyFile;
        }
        var defaults = new VictorOpsConfig { ApiUrl = global.VictoropsApiUrl, RoutingKey = routingKey };
        return new VictorOpsConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            ApiKey = apiKey,
            ApiKeyFile = apiKeyFile,
            ApiUrl = OpsgenieConfigReader.WithTrailingSlash(map.Get("api_url")?.HttpUrl() ?? global.VictoropsApiUrl),
            RoutingKey = routingKey,
            MessageType = IntegrationYaml.Text(map, "message_type", defaults.MessageType),
            StateMessage = IntegrationYaml.Text(map, "state_message", defaults.StateMessage),
            EntityDisplayName = IntegrationYaml.Text(map, "entity_display_name", defaults.EntityDisplayName),
            MonitoringTool = IntegrationYaml.Text(map, "monitoring_tool", defaults.MonitoringTool),
            CustomFields = customFields,
        };
    }
}
