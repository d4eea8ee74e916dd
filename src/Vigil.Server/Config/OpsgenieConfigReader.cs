namespace Vigil.Server.Config;

/// <summary><c>opsgenie_configs[]</c>, as Alertmanager 0.25 reads it (keys, global defaults, validation texts).</summary>
internal static class OpsgenieConfigReader
{
    private const string ValidTypes = "^(team|teams|user|escalation|schedule)$";

    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "api_key", "api_key_file", "api_url", "message", "description", "source", "details",
        "entity", "responders", "actions", "tags", "note", "priority", "update_alerts",
    };

    private static readonly IReadOnlySet<string> ResponderKnown = new HashSet<string>(StringComparer.Ordinal) { "id", "name", "username", "type" };

    private static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "team", "teams", "user", "escalation", "schedule" };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        IntegrationYaml.AtMostOne(node, map, "api_key", "api_key_file");
        var apiKey = IntegrationYaml.Optional(map, "api_key");
        var apiKeyFile = IntegrationYaml.Optional(map, "api_key_file");
        if (apiKey is null && apiKeyFile is null)
        {
            if (global.OpsgenieApiKey is null && global.OpsgenieApiKeyFile is null)
            {
                throw node.Error("no global OpsGenie API Key set either inline or in a file");
            }
            apiKey = global.OpsgenieApiKey;
            apiKeyFile = global.OpsgenieApiKeyFile;
        }
        var defaults = new OpsgenieConfig { ApiUrl = global.OpsgenieApiUrl };
        return new OpsgenieConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            ApiKey = apiKey,
            ApiKeyFile = apiKeyFile,
            ApiUrl = WithTrailingSlash(map.Get("api_url")?.HttpUrl() ?? global.OpsgenieApiUrl),
            Message = IntegrationYaml.Text(map, "message", defaults.Message),
            Description = IntegrationYaml.Text(map, "description", defaults.Description),
            Source = IntegrationYaml.Text(map, "source", defaults.Source),
            Details = IntegrationYaml.StringMap(map.Get("details")),
            Entity = IntegrationYaml.Text(map, "entity"),
            Responders = [.. (map.Get("responders")?.Items() ?? []).Select(Responder)],
            Actions = IntegrationYaml.Text(map, "actions"),
            Tags = IntegrationYaml.Text(map, "tags"),
            Note = IntegrationYaml.Text(map, "note"),
            Priority = IntegrationYaml.Text(map, "priority"),
            UpdateAlerts = map.Get("update_alerts")?.Bool() ?? false,
        };
    }

    /// <summary>Alertmanager appends "/" to the URL's path so that <c>v2/alerts</c> can be appended.</summary>
    public static Uri WithTrailingSlash(Uri url)
    {
        if (url.AbsolutePath.EndsWith('/'))
        {
            return url;
        }
        var builder = new UriBuilder(url);
        builder.Path += "/";
        return builder.Uri;
    }

    private static OpsgenieResponder Responder(YamlCursor node)
    {
        var map = node.Map(ResponderKnown);
        var responder = new OpsgenieResponder(
            IntegrationYaml.Text(map, "id"), IntegrationYaml.Text(map, "name"), IntegrationYaml.Text(map, "username"), IntegrationYaml.Text(map, "type"));
        // Alertmanager prints the responder as Go's %v of its struct: {id name username type}.
        string Shown(string type) => $"{{{responder.Id} {responder.Name} {responder.Username} {type}}}";
        if (responder.Id.Length == 0 && responder.Username.Length == 0 && responder.Name.Length == 0)
        {
            throw node.Error($"opsGenieConfig responder {Shown(responder.Type)} has to have at least one of id, username or name specified");
        }
        // Alertmanager checks the lower-cased type but sends it as written; a templated type is checked at send time.
        if (!responder.Type.Contains("{{", StringComparison.Ordinal) && !Types.Contains(responder.Type.ToLowerInvariant()))
        {
            throw node.Error($"opsGenieConfig responder {Shown(responder.Type.ToLowerInvariant())} type does not match valid options {ValidTypes}");
        }
        return responder;
    }
}
