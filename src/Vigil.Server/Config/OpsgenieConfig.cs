namespace Vigil.Server.Config;

/// <summary>
/// <c>opsgenie_configs[]</c> as Alertmanager 0.25 reads it: an alert created (or closed when the group resolves) under the
/// group key's hash as alias; every text field is a template; <c>tags</c> and <c>actions</c> are comma-separated.
/// </summary>
public sealed record OpsgenieConfig : IntegrationConfig
{
    public OpsgenieConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "opsgenie";

    /// <summary>Inline key (a template), or null when <see cref="ApiKeyFile"/> is used. Default <c>global.opsgenie_api_key</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Read at every send. Default <c>global.opsgenie_api_key_file</c>.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>Always ends with "/". Default <c>global.opsgenie_api_url</c>.</summary>
    public required Uri ApiUrl { get; init; }

    public string Message { get; init; } = """{{ template "opsgenie.default.message" . }}""";

    public string Description { get; init; } = """{{ template "opsgenie.default.description" . }}""";

    public string Source { get; init; } = """{{ template "opsgenie.default.source" . }}""";

    /// <summary>Templates by key, added to the group's common labels (and replacing them on the same key).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    public string Entity { get; init; } = "";

    public IReadOnlyList<OpsgenieResponder> Responders { get; init; } = [];

    public string Actions { get; init; } = "";

    public string Tags { get; init; } = "";

    public string Note { get; init; } = "";

    public string Priority { get; init; } = "";

    /// <summary>After creating, also update the existing alert's message and description (two PUTs). Default false.</summary>
    public bool UpdateAlerts { get; init; }

    public override string Target => ApiUrl.GetLeftPart(UriPartial.Path);
}
