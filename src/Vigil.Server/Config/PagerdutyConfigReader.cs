namespace Vigil.Server.Config;

/// <summary><c>pagerduty_configs[]</c>, as Alertmanager 0.25 reads it (keys, defaults, validation texts).</summary>
internal static class PagerdutyConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "http_config", "service_key", "service_key_file", "routing_key", "routing_key_file", "url", "client",
        "client_url", "description", "details", "images", "links", "source", "severity", "class", "component", "group",
    };

    private static readonly IReadOnlySet<string> LinkKnown = new HashSet<string>(StringComparer.Ordinal) { "href", "text" };

    private static readonly IReadOnlySet<string> ImageKnown = new HashSet<string>(StringComparer.Ordinal) { "src", "alt", "href" };

    /// <summary>Alertmanager's DefaultPagerdutyDetails, added to <c>details</c> unless the key is set.</summary>
    private static readonly IReadOnlyDictionary<string, string> DefaultDetails = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["firing"] = """{{ template "pagerduty.default.instances" .Alerts.Firing }}""",
        ["resolved"] = """{{ template "pagerduty.default.instances" .Alerts.Resolved }}""",
        ["num_firing"] = "{{ .Alerts.Firing | len }}",
        ["num_resolved"] = "{{ .Alerts.Resolved | len }}",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        var routingKey = IntegrationYaml.Optional(map, "routing_key");
        var routingKeyFile = IntegrationYaml.Optional(map, "routing_key_file");
        var serviceKey = IntegrationYaml.Optional(map, "service_key");
        var serviceKeyFile = IntegrationYaml.Optional(map, "service_key_file");
        if (routingKey is null && routingKeyFile is null && serviceKey is null && serviceKeyFile is null)
        {
            throw node.Error("missing service or routing key in PagerDuty config");
        }
        IntegrationYaml.AtMostOne(node, map, "routing_key", "routing_key_file");
        IntegrationYaml.AtMostOne(node, map, "service_key", "service_key_file");
        var details = IntegrationYaml.StringMap(map.Get("details"));
        foreach (var (key, value) in DefaultDetails)
        {
            details.TryAdd(key, value);
        }
        var defaults = new PagerdutyConfig { Url = global.PagerdutyUrl };
        var client = IntegrationYaml.Text(map, "client", defaults.Client);
        return new PagerdutyConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            Http = HttpClientConfigReader.Read(map.Get("http_config"), global.HttpConfig),
            RoutingKey = routingKey,
            RoutingKeyFile = routingKeyFile,
            ServiceKey = serviceKey,
            ServiceKeyFile = serviceKeyFile,
            Url = map.Get("url")?.HttpUrl() ?? global.PagerdutyUrl,
            Client = client,
            ClientUrl = IntegrationYaml.Text(map, "client_url", defaults.ClientUrl),
            Description = IntegrationYaml.Text(map, "description", defaults.Description),
            Details = details,
            Images = [.. (map.Get("images")?.Items() ?? []).Select(Image)],
            Links = [.. (map.Get("links")?.Items() ?? []).Select(Link)],
            Source = IntegrationYaml.Optional(map, "source") ?? client,
            Severity = IntegrationYaml.Text(map, "severity"),
            Class = IntegrationYaml.Text(map, "class"),
            Component = IntegrationYaml.Text(map, "component"),
            Group = IntegrationYaml.Text(map, "group"),
        };
    }

    private static PagerdutyLink Link(YamlCursor node)
    {
        var map = node.Map(LinkKnown);
        return new PagerdutyLink(IntegrationYaml.Text(map, "href"), IntegrationYaml.Text(map, "text"));
    }

    private static PagerdutyImage Image(YamlCursor node)
    {
        var map = node.Map(ImageKnown);
        return new PagerdutyImage(IntegrationYaml.Text(map, "src"), IntegrationYaml.Text(map, "alt"), IntegrationYaml.Text(map, "href"));
    }
}
