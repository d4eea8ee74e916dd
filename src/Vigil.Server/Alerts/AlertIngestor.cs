using Microsoft.Extensions.Logging;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Config;
using Vigil.Server.Storage;

namespace Vigil.Server.Alerts;

/// <summary>
/// The durable front door for alerts: a request is appended to the ingest log (group-committed) and
/// only then acknowledged; the committed records are folded into <see cref="AlertState"/> in log order.
/// At start the log's tail after the last checkpoint is replayed the same way.
/// </summary>
public sealed partial class AlertIngestor
{
    /// <summary>Log record kind for an Alertmanager API v2 request body.</summary>
    public const string AlertmanagerV2 = "am.v2";

    /// <summary>Log record kind for alerts Vigil raises itself (<see cref="RaiseAsync"/>), encoded by <see cref="InternalAlertCodec"/>.</summary>
    public const string Internal = "internal.v1";

    private readonly IngestLog _log;
    private readonly AlertState _state;
    private readonly ConfigHolder _config;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlertIngestor> _logger;

    /// <summary>A cluster's node folds records one way at a time: its own at commit, or other nodes' as it reads them.</summary>
    private readonly SemaphoreSlim _fold = new(1, 1);

    public AlertIngestor(IngestLog log, AlertState state, ConfigHolder config, Database db, TimeProvider clock, ILogger<AlertIngestor> logger)
    {
        _log = log;
        _state = state;
        _config = config;
        _clock = clock;
        _logger = logger;
        if (db.Engine == DatabaseEngine.Postgres)
        {
            // Other nodes may append to the same log: every node folds every record, in sequence order.
            _log.OnCommittedAsync = ApplySharedAsync;
        }
        else
        {
            _log.OnCommitted = Apply;
        }
    }

    /// <summary>
    /// Makes the request durable, then applies it. Returns once both are done. <paramref name="payload"/> is kept, not
    /// copied, until then: do not change it before this ends. The fold that applies the alerts gives back
    /// <paramref name="places"/>; the caller still releases them when this fails (a second release does nothing).
    /// </summary>
    public Task<long> AcceptAsync(string kind, ReadOnlyMemory<byte> payload, IReadOnlyList<Alert> parsed, DateTimeOffset receivedAt,
        Reservation? places, CancellationToken ct) =>
        _log.AppendAsync(kind, payload, receivedAt, places is null ? parsed : new AdmittedBatch(parsed, places), ct);

    /// <summary>
    /// Raises (or resolves, by their <see cref="Alert.EndsAt"/>) alerts Vigil makes itself: durable in the ingest log
    /// as one <see cref="Internal"/> record, applied, and routed like any alert before this returns.
    /// </summary>
    public Task<long> RaiseAsync(IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        if (alerts.Count == 0)
        {
            return Task.FromResult(_state.AppliedSeq);
        }
        return _log.AppendAsync(Internal, InternalAlertCodec.Encode(alerts), _clock.GetUtcNow(), alerts, ct);
    }

    /// <summary>Replays what the log holds after the state's checkpoint (at start, before serving).</summary>
    public async Task<int> ReplayAsync(CancellationToken ct)
    {
        // Parsing is most of a replay's cost and needs nothing but the record: records are parsed a page at a time on
        // every core, then applied one by one in log order.
        const int page = 256;
        var count = 0;
        var records = new List<IngestRecord>(page);
        var parsed = new IReadOnlyList<Alert>[page];
        async Task ApplyPageAsync()
        {
            await Parallel.ForAsync(0, records.Count, ct, (i, _) =>
            {
                parsed[i] = Decode(records[i]);
                return ValueTask.CompletedTask;
            });
            for (var i = 0; i < records.Count; i++)
            {
                _state.Apply(parsed[i], records[i].Seq, records[i].ReceivedAt);
                parsed[i] = [];
            }
            count += records.Count;
            records.Clear();
        }
        await foreach (var record in _log.ReadAfterAsync(_state.AppliedSeq, ct))
        {
            records.Add(record);
            if (records.Count == page)
            {
                await ApplyPageAsync();
            }
        }
        await ApplyPageAsync();
        return count;
    }

    /// <summary>
    /// Folds what other nodes appended since this node last folded (called when one of them notifies, and every second).
    /// Returns how many records it folded.
    /// </summary>
    public async Task<int> FollowAsync(CancellationToken ct)
    {
        await _fold.WaitAsync(ct);
        try
        {
            return await FoldFromLogAsync(long.MaxValue, ct);
        }
        finally
        {
            _fold.Release();
        }
    }

    /// <summary>
    /// This node's records just committed. Appends are serialized cluster-wide until their commit, so every record before
    /// the first of these is already committed: those of other nodes not yet folded are read and folded first, and every
    /// node folds the same records in the same order.
    /// </summary>
    private async Task ApplySharedAsync(IReadOnlyList<IngestRecord> records)
    {
        await _fold.WaitAsync();
        try
        {
            for (var attempt = 1; records[0].Seq > _state.AppliedSeq + 1; attempt++)
            {
                try
                {
                    await FoldFromLogAsync(records[0].Seq - 1, CancellationToken.None);
                    break;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The records are committed, so they must be folded after the ones before them: keep reading
                    // (the answer to the request waits, and so does every fold) rather than skip another node's alerts.
                    if (attempt % 30 == 3)
                    {
                        LogCatchUpFailing(e, records[0].Seq, attempt);
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), _clock);
                }
            }
            foreach (var record in records)
            {
                if (record.Seq > _state.AppliedSeq)
                {
                    var (alerts, places) = Parsed(record);
                    _state.Apply(alerts, record.Seq, record.ReceivedAt, places);
                }
            }
        }
        finally
        {
            _fold.Release();
        }
    }

    private async Task<int> FoldFromLogAsync(long through, CancellationToken ct)
    {
        var count = 0;
        await foreach (var record in _log.ReadAfterAsync(_state.AppliedSeq, ct))
        {
            if (record.Seq > through)
            {
                break;
            }
            if (record.Seq > _state.AppliedSeq)
            {
                // This node's own record, read before its commit hook ran, comes with its tag: applied as the hook would.
                var (alerts, places) = Parsed(record);
                _state.Apply(alerts, record.Seq, record.ReceivedAt, places);
                count++;
            }
        }
        return count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "cluster: could not read the records other nodes appended before {Seq} ({Attempts} attempts); still trying, this node's answers wait")]
    private partial void LogCatchUpFailing(Exception e, long seq, int attempts);

    private void Apply(IReadOnlyList<IngestRecord> records)
    {
        foreach (var record in records)
        {
            var (alerts, places) = Parsed(record);
            _state.Apply(alerts, record.Seq, record.ReceivedAt, places);
        }
    }

    /// <summary>A record this node appended carries its parsed alerts (and their admission's places); others are decoded.</summary>
    private (IReadOnlyList<Alert> Alerts, Reservation? Places) Parsed(IngestRecord record) => record.Tag switch
    {
        AdmittedBatch batch => (batch.Alerts, batch.Places),
        IReadOnlyList<Alert> alerts => (alerts, null),
        _ => (Decode(record), null),
    };

    private IReadOnlyList<Alert> Decode(IngestRecord record) => record.Kind switch
    {
        Internal => InternalAlertCodec.Decode(record.Payload.Span),
        AlertmanagerV2 => AlertsRequestParser.Parse(record.Payload.Span, record.ReceivedAt, _config.Current.Global.ResolveTimeout).Alerts ?? [],
        _ => throw new InvalidDataException($"ingest log record {record.Seq} has unknown kind '{record.Kind}'"),
    };
}
