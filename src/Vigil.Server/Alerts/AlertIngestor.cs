using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Config;
using Vigil.Server.Storage;

namespace Vigil.Server.Alerts;

/// <summary>
/// The durable front door for alerts: a request is appended to the ingest log (group-committed) and
/// only then acknowledged; the committed records are folded into <see cref="AlertState"/> in log order.
/// At start the log's tail after the last checkpoint is replayed the same way.
/// </summary>
public sealed class AlertIngestor
{
    /// <summary>Log record kind for an Alertmanager API v2 request body.</summary>
    public const string AlertmanagerV2 = "am.v2";

    /// <summary>Log record kind for alerts Vigil raises itself (<see cref="RaiseAsync"/>), encoded by <see cref="InternalAlertCodec"/>.</summary>
    public const string Internal = "vigil.internal";

    private readonly IngestLog _log;
    private readonly AlertState _state;
    private readonly ConfigHolder _config;

    public AlertIngestor(IngestLog log, AlertState state, ConfigHolder config)
    {
        _log = log;
        _state = state;
        _config = config;
        _log.OnCommitted = Apply;
    }

    /// <summary>Makes the request durable, then applies it. Returns once both are done. A whole-array <paramref name="payload"/> is kept, not copied: do not reuse it.</summary>
    public Task<long> AcceptAsync(string kind, ReadOnlyMemory<byte> payload, IReadOnlyList<Alert> parsed, DateTimeOffset receivedAt, CancellationToken ct) =>
        _log.AppendAsync(kind, payload, receivedAt, parsed, ct);

    /// <summary>
    /// Puts alerts Vigil generates (probes, heartbeats, host checks) into the pipeline: durable in the ingest log,
    /// then applied and routed like any alert. Explicit ends are kept; <see cref="Alert.Timeout"/> ends are left as given.
    /// </summary>
    public Task RaiseAsync(IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        if (alerts.Count == 0)
        {
            return Task.CompletedTask;
        }
        var receivedAt = alerts.Max(a => a.UpdatedAt);
        return _log.AppendAsync(Internal, InternalAlertCodec.Encode(alerts), receivedAt, alerts, ct);
    }

    /// <summary>Replays what the log holds after the state's checkpoint (at start, before serving).</summary>
    public async Task<int> ReplayAsync(CancellationToken ct)
    {
        var count = 0;
        await foreach (var record in _log.ReadAfterAsync(_state.AppliedSeq, ct))
        {
            _state.Apply(Decode(record), record.Seq, record.ReceivedAt);
            count++;
        }
        return count;
    }

    private void Apply(IReadOnlyList<IngestRecord> records)
    {
        foreach (var record in records)
        {
            var alerts = record.Tag as IReadOnlyList<Alert> ?? Decode(record);
            _state.Apply(alerts, record.Seq, record.ReceivedAt);
        }
    }

    private IReadOnlyList<Alert> Decode(IngestRecord record) => record.Kind switch
    {
        AlertmanagerV2 => AlertsRequestParser.Parse(record.Payload, record.ReceivedAt, _config.Current.Global.ResolveTimeout).Alerts ?? [],
        Internal => InternalAlertCodec.Decode(record.Payload),
        _ => throw new InvalidDataException($"ingest log record {record.Seq} has unknown kind '{record.Kind}'"),
    };
}
