using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Alerts;
using Vigil.Server.Config;

namespace Vigil.Server.Maintenance;

/// <summary>
/// Puts alerts Vigil makes itself into the pipeline the way Prometheus would: as an Alertmanager v2 request
/// through <see cref="AlertIngestor"/>, so they are durable, replayed at start and routed like any alert.
/// </summary>
public sealed class AlertPoster(AlertIngestor ingestor, ConfigHolder config, TimeProvider clock)
{
    /// <summary>
    /// Posts the alerts; an alert whose end is not <see cref="Alert.Timeout"/> keeps it, otherwise the end is
    /// left to resolve_timeout. Returns the alerts as parsed (what the state now holds for them).
    /// </summary>
    public Task<IReadOnlyList<Alert>> PostAsync(IReadOnlyList<Alert> alerts, CancellationToken ct) => PostAsync(alerts, null, ct);

    /// <summary>As the other overload, for alerts an admission let in under the cap: the fold gives back its <paramref name="places"/>.</summary>
    public async Task<IReadOnlyList<Alert>> PostAsync(IReadOnlyList<Alert> alerts, Reservation? places, CancellationToken ct)
    {
        if (alerts.Count == 0)
        {
            return [];
        }
        var body = PostableAlertWriter.Encode(alerts);
        var now = clock.GetUtcNow();
        var (parsed, error) = AlertsRequestParser.Parse(body, now, config.Current.Global.ResolveTimeout);
        if (error is not null)
        {
            throw new InvalidOperationException($"a generated alert was refused: {error.Message}");
        }
        await ingestor.AcceptAsync(AlertIngestor.AlertmanagerV2, body, parsed!, now, places, ct).ConfigureAwait(false);
        return parsed!;
    }
}
