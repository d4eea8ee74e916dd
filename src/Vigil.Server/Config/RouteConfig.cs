using Vigil.Server.Labels;

namespace Vigil.Server.Config;

/// <summary>
/// A node of the routing tree, as written (<c>route:</c>). Unset timing fields inherit from the parent;
/// the root's defaults are Alertmanager's: group_wait 30s, group_interval 5m, repeat_interval 4h.
/// </summary>
public sealed record RouteConfig
{
    public string? Receiver { get; init; }

    /// <summary>Label names to group by; null inherits. <c>'...'</c> sets <see cref="GroupByAll"/>.</summary>
    public IReadOnlyList<string>? GroupBy { get; init; }

    public bool GroupByAll { get; init; }

    public TimeSpan? GroupWait { get; init; }

    public TimeSpan? GroupInterval { get; init; }

    public TimeSpan? RepeatInterval { get; init; }

    /// <summary><c>matchers</c> plus the legacy <c>match</c> (equality) and <c>match_re</c> (regex), merged.</summary>
    public IReadOnlyList<Matcher> Matchers { get; init; } = [];

    public bool Continue { get; init; }

    public IReadOnlyList<string> MuteTimeIntervals { get; init; } = [];

    public IReadOnlyList<string> ActiveTimeIntervals { get; init; } = [];

    public IReadOnlyList<RouteConfig> Routes { get; init; } = [];
}

/// <summary><c>receivers[]</c>.</summary>
public sealed record ReceiverConfig
{
    public required string Name { get; init; }

    /// <summary>Every <c>*_configs</c> entry in Alertmanager's order (webhook, email, pagerduty, opsgenie, wechat, slack, victorops,
    /// pushover, sns, telegram, discord, webex, msteams; in file order within a kind). The position is the integration index
    /// of the notification log and the outbox.</summary>
    public IReadOnlyList<IntegrationConfig> Integrations { get; init; } = [];

    /// <summary>The <c>webhook_configs</c> among <see cref="Integrations"/>.</summary>
    public IEnumerable<WebhookConfig> WebhookConfigs => Integrations.OfType<WebhookConfig>();

    /// <summary><c>vigil_configs[]</c>: escalation policies this receiver pages.</summary>
    public IReadOnlyList<Escalation.VigilPageConfig> VigilConfigs { get; init; } = [];
}

/// <summary><c>webhook_configs[]</c>: Alertmanager's webhook payload version 4, POSTed as JSON.</summary>
public sealed record WebhookConfig : IntegrationConfig
{
    public WebhookConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "webhook";

    /// <summary>The URL, or null when <see cref="UrlFile"/> names a file to read it from at send time.</summary>
    public Uri? Url { get; init; }

    /// <summary><c>url_file</c>: read at every send, as Alertmanager does.</summary>
    public string? UrlFile { get; init; }

    public override string Target => Url?.ToString() ?? "url_file " + UrlFile;
}
