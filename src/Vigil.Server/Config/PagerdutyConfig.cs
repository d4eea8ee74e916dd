namespace Vigil.Server.Config;

/// <summary>
/// <c>pagerduty_configs[]</c> as Alertmanager 0.25 reads it: Events API v2 with a <c>routing_key</c>, or v1 when a
/// <c>service_key</c> is set (v1 always posts to PagerDuty's v1 generic endpoint, as Alertmanager does; <c>url</c> is v2's).
/// Every text field is a template.
/// </summary>
public sealed record PagerdutyConfig : IntegrationConfig
{
    /// <summary>Where Alertmanager 0.25 sends Events API v1 messages, whatever <c>url</c> says.</summary>
    public static readonly Uri V1Url = new("https://events.pagerduty.com/generic/2010-04-15/create_event.json");

    public PagerdutyConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "pagerduty";

    public string? RoutingKey { get; init; }

    /// <summary>Read (and trimmed) at every send.</summary>
    public string? RoutingKeyFile { get; init; }

    public string? ServiceKey { get; init; }

    /// <summary>Read (and trimmed) at every send.</summary>
    public string? ServiceKeyFile { get; init; }

    /// <summary>Events API v1 (a service key is set).</summary>
    public bool IsV1 => ServiceKey is not null || ServiceKeyFile is not null;

    /// <summary>v2's endpoint. Default <c>global.pagerduty_url</c>.</summary>
    public required Uri Url { get; init; }

    public string Client { get; init; } = """{{ template "pagerduty.default.client" . }}""";

    public string ClientUrl { get; init; } = """{{ template "pagerduty.default.clientURL" . }}""";

    public string Description { get; init; } = """{{ template "pagerduty.default.description" .}}""";

    /// <summary>Templates by key; Alertmanager's firing, resolved, num_firing and num_resolved are added unless set.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<PagerdutyImage> Images { get; init; } = [];

    public IReadOnlyList<PagerdutyLink> Links { get; init; } = [];

    /// <summary>Default: the <c>client</c> template.</summary>
    public string Source { get; init; } = "";

    /// <summary>Empty means <c>error</c>.</summary>
    public string Severity { get; init; } = "";

    public string Class { get; init; } = "";

    public string Component { get; init; } = "";

    public string Group { get; init; } = "";

    public override string Target => IsV1 ? V1Url.GetLeftPart(UriPartial.Path) : Url.GetLeftPart(UriPartial.Path);
}
