using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Incidents;

/// <summary>
/// Follows the alerts linked to open incidents and records each one's latest end on its links, so an incident knows when
/// customer impact ended even after the alert has left memory. The check on the ingest path is one dictionary look-up
/// per changed alert; the writes happen here, off that path.
/// </summary>
public sealed partial class IncidentAlertWatcher(AlertState alerts, IncidentStore store, ILogger<IncidentAlertWatcher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Fingerprint, byte> _linked = new();
    private readonly Channel<Alert> _changes = Channel.CreateUnbounded<Alert>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Starts following an alert just linked to an incident.</summary>
    public void Follow(string fingerprint)
    {
        if (Fingerprint.TryParse(fingerprint, out var fp))
        {
            _linked.TryAdd(fp, 0);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        alerts.Changed += OnChanged;
        try
        {
            foreach (var fingerprint in await store.OpenAlertRefsAsync(stoppingToken).ConfigureAwait(false))
            {
                Follow(fingerprint);
            }
            await foreach (var alert in _changes.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await store.UpdateAlertEndAsync(alert.Fingerprint.ToString(), alert.EndsAt, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogUpdateFailed(logger, e, alert.Fingerprint.ToString());
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            alerts.Changed -= OnChanged;
        }
    }

    private void OnChanged(IReadOnlyList<Alert> changed)
    {
        if (_linked.IsEmpty)
        {
            return;
        }
        for (var i = 0; i < changed.Count; i++)
        {
            if (_linked.ContainsKey(changed[i].Fingerprint))
            {
                _changes.Writer.TryWrite(changed[i]);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the end of alert {Fingerprint} on its incidents; the next change retries")]
    private static partial void LogUpdateFailed(ILogger logger, Exception e, string fingerprint);
}
