namespace Vigil.Server.Config;

/// <summary>
/// <c>victorops_configs[]</c> as Alertmanager 0.25 reads it: one REST-endpoint alert per group, entity_id = the group
/// key's hash, posted to <c>api_url</c> + API key + "/" + routing key. Text fields and custom fields are templates.
/// </summary>
public sealed record VictorOpsConfig : IntegrationConfig
{
    public VictorOpsConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "victorops";

    /// <summary>Inline key, or null when <see cref="ApiKeyFile"/> is used. Default <c>global.victorops_api_key</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Read (and trimmed) at every send. Default <c>global.victorops_api_key_file</c>.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>Always ends with "/". Default <c>global.victorops_api_url</c>.</summary>
    public required Uri ApiUrl { get; init; }

    /// <summary>Required; a template.</summary>
    public required string RoutingKey { get; init; }

    /// <summary>CRITICAL, WARNING or INFO while firing (anything else is sent as CRITICAL); RECOVERY when resolved.</summary>
    public string MessageType { get; init; } = "CRITICAL";

    public string StateMessage { get; init; } = """{{ template "victorops.default.state_message" . }}""";

    public string EntityDisplayName { get; init; } = """{{ template "victorops.default.entity_display_name" . }}""";

    public string MonitoringTool { get; init; } = """{{ template "victorops.default.monitoring_tool" . }}""";

    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = new Dictionary<string, string>();

    /// <summary>The API host and path without the key (the key is a path segment of the URL Vigil posts to).</summary>
    public override string Target => ApiUrl.GetLeftPart(UriPartial.Path) + "<key>/" + RoutingKey;
}
