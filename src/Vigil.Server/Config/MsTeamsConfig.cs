namespace Vigil.Server.Config;

/// <summary>
/// <c>msteams_configs[]</c>, as Alertmanager 0.26 reads it (0.25 has no such key): one MessageCard posted to a Teams
/// incoming webhook. 0.26 has no <c>webhook_url_file</c> and no <c>summary</c>; both came later.
/// </summary>
public sealed record MsTeamsConfig : IntegrationConfig
{
    public MsTeamsConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "msteams";

    /// <summary>The incoming webhook URL: a secret (whoever has it can post to the channel).</summary>
    public required Uri WebhookUrl { get; init; }

    public string Title { get; init; } = """{{ template "msteams.default.title" . }}""";

    public string Text { get; init; } = """{{ template "msteams.default.text" . }}""";

    public override string Target => $"{WebhookUrl.Scheme}://{WebhookUrl.Authority}/<secret>";
}
