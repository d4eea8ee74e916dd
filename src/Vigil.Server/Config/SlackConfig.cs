namespace Vigil.Server.Config;

/// <summary><c>slack_configs[]</c>, as Alertmanager 0.25 reads it: every text field is a template, rendered at send time.</summary>
public sealed record SlackConfig : IntegrationConfig
{
    public override string Kind => "slack";

    /// <summary>The incoming-webhook or chat.postMessage URL (a secret), or null when <see cref="ApiUrlFile"/> is set.</summary>
    public Uri? ApiUrl { get; init; }

    /// <summary><c>api_url_file</c>: read (and trimmed) at every send, as Alertmanager does.</summary>
    public string? ApiUrlFile { get; init; }

    public string Channel { get; init; } = "";

    public string Username { get; init; } = """{{ template "slack.default.username" . }}""";

    public string Color { get; init; } = """{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}""";

    public string Title { get; init; } = """{{ template "slack.default.title" . }}""";

    public string TitleLink { get; init; } = """{{ template "slack.default.titlelink" . }}""";

    public string Pretext { get; init; } = """{{ template "slack.default.pretext" . }}""";

    public string Text { get; init; } = """{{ template "slack.default.text" . }}""";

    public IReadOnlyList<SlackField> Fields { get; init; } = [];

    /// <summary>The <c>short</c> of fields that do not set their own. Default false.</summary>
    public bool ShortFields { get; init; }

    public string Footer { get; init; } = """{{ template "slack.default.footer" . }}""";

    public string Fallback { get; init; } = """{{ template "slack.default.fallback" . }}""";

    public string CallbackId { get; init; } = """{{ template "slack.default.callbackid" . }}""";

    public string IconEmoji { get; init; } = """{{ template "slack.default.iconemoji" . }}""";

    public string IconUrl { get; init; } = """{{ template "slack.default.iconurl" . }}""";

    public string ImageUrl { get; init; } = "";

    public string ThumbUrl { get; init; } = "";

    public bool LinkNames { get; init; }

    /// <summary>Empty means Alertmanager's default: fallback, pretext and text.</summary>
    public IReadOnlyList<string> MrkdwnIn { get; init; } = [];

    public IReadOnlyList<SlackAction> Actions { get; init; } = [];

    /// <summary>The API host (the rest of the URL is the secret) and the channel.</summary>
    public override string Target =>
        (ApiUrl is null ? "api_url_file " + ApiUrlFile : $"{ApiUrl.Scheme}://{ApiUrl.Authority}/<secret>") + (Channel.Length > 0 ? " " + Channel : "");
}
