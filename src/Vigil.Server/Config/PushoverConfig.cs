namespace Vigil.Server.Config;

/// <summary>
/// <c>pushover_configs[]</c> as Alertmanager 0.25 reads it. Alertmanager 0.25 always posts to Pushover's fixed API URL
/// (there is no <c>api_url</c> key before 0.26); text fields are templates.
/// </summary>
public sealed record PushoverConfig : IntegrationConfig
{
    /// <summary>Where Alertmanager 0.25 sends every Pushover message.</summary>
    public static readonly Uri ApiUrl = new("https://api.pushover.net/1/messages.json");

    public PushoverConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "pushover";

    /// <summary>Required; a template.</summary>
    public required string UserKey { get; init; }

    /// <summary>Required; a template.</summary>
    public required string Token { get; init; }

    public string Title { get; init; } = """{{ template "pushover.default.title" . }}""";

    public string Message { get; init; } = """{{ template "pushover.default.message" . }}""";

    public string Url { get; init; } = """{{ template "pushover.default.url" . }}""";

    public string UrlTitle { get; init; } = "";

    public string Sound { get; init; } = "";

    /// <summary>Default: 2 (emergency) while firing, 0 when resolved.</summary>
    public string Priority { get; init; } = """{{ if eq .Status "firing" }}2{{ else }}0{{ end }}""";

    /// <summary>Go duration; sent in whole seconds. Default 1m.</summary>
    public TimeSpan Retry { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Go duration; sent in whole seconds. Default 1h.</summary>
    public TimeSpan Expire { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Render the message as HTML (html/template escaping) and send <c>html=1</c>. Default false.</summary>
    public bool Html { get; init; }

    public override string Target => ApiUrl.ToString();
}
