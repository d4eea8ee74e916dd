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

    public IReadOnlyList<WebhookConfig> WebhookConfigs { get; init; } = [];

    /// <summary><c>vigil_configs[]</c>: escalation policies this receiver pages.</summary>
    public IReadOnlyList<Escalation.VigilPageConfig> VigilConfigs { get; init; } = [];
}

/// <summary><c>webhook_configs[]</c>: Alertmanager's webhook payload version 4, POSTed as JSON.</summary>
public sealed record WebhookConfig
{
    public required Uri Url { get; init; }

    /// <summary>Whether to notify about resolved alerts. Default true (as Alertmanager's webhook).</summary>
    public bool SendResolved { get; init; } = true;

    /// <summary>Most alerts in one message; 0 means all (the rest are counted in truncatedAlerts). Default 0.</summary>
    public int MaxAlerts { get; init; }
}
