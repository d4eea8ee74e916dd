namespace Vigil.Server.Config;

/// <summary>
/// One entry of a receiver's <c>*_configs</c> lists (Alertmanager's notifier configs). Each kind reads its own keys
/// (see <see cref="IntegrationReaders"/>) and is delivered by the <c>INotifier</c> of the same <see cref="Kind"/>.
/// </summary>
public abstract record IntegrationConfig
{
    /// <summary>Alertmanager's integration name: <c>webhook</c>, <c>email</c>, <c>slack</c>, <c>pagerduty</c>, …</summary>
    public abstract string Kind { get; }

    /// <summary>Whether resolved alerts are notified. Each kind has Alertmanager's default.</summary>
    public bool SendResolved { get; init; }

    /// <summary>Most alerts in one message; 0 means all. Only webhooks set it.</summary>
    public int MaxAlerts { get; init; }

    /// <summary>The <c>http_config</c> (merged with <c>global.http_config</c> as Alertmanager does: the receiver's wins whole).</summary>
    public HttpClientConfig Http { get; init; } = HttpClientConfig.Default;

    /// <summary>What GET /api/v1/notifications shows as the message's target: never a secret (no keys, tokens or secret URLs).</summary>
    public abstract string Target { get; }
}
