using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Vigil.Server.Storage;

/// <summary>
/// The durable log of accepted requests. <see cref="AppendAsync"/> returns a record's sequence
/// number only once the transaction holding it has committed; appends that arrive together are
/// group-committed by one writer loop (one transaction for everything pending), which then runs
/// <see cref="OnCommitted"/> with the records in sequence order and only then completes the
/// callers, so an acknowledged request is both durable and visible in memory.
/// Dispose drains what is queued, then stops the loop.
/// </summary>
public sealed class IngestLog : IAsyncDisposable
{
    /// <summary>At most this many records go into one transaction.</summary>
    public const int MaxBatchRecords = 2048;

    /// <summary>A transaction stops taking records once it holds this many payload bytes.</summary>
    public const int MaxBatchBytes = 64 * 1024 * 1024;

    private const string InsertSql = "INSERT INTO ingest_log (kind, payload, received_at) VALUES (@kind, @payload, @received_at) RETURNING seq";

    /// <summary>PostgreSQL: what every node's appends are serialized on (held to the commit), so sequence numbers are
    /// handed out in commit order and a node reading the log past the last record it folded never skips one that
    /// commits later.</summary>
    public const long AppendLockKey = 0x5649_4749_4c5f_4c47;

    /// <summary>PostgreSQL: the channel notified at each committed append, so other nodes fold it at once.</summary>
    public const string NoticeChannel = "vigil_ingest";

    private readonly Database _db;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(16_384) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Lock _startLock = new();
    private Action<IReadOnlyList<IngestRecord>>? _onCommitted;
    private Func<IReadOnlyList<IngestRecord>, Task>? _onCommittedAsync;
    private Task? _writer;

    // This process's records on PostgreSQL from their insert to the end of their commit hook, by sequence number: a node
    // following the shared log may read them from the table before the hook runs, and folds them with their tag too.
    // Written by the writer loop, read by ReadAfterAsync.
    private readonly ConcurrentDictionary<long, object> _ownTags = new();

    // Only the writer loop touches these.
    private SqliteRowStatement? _sqliteInsert;
    private DbConnection? _sqliteInsertConnection;

    public IngestLog(Database db, ILogger<IngestLog>? logger = null)
    {
        _db = db;
        _logger = logger ?? NullLogger<IngestLog>.Instance;
    }

    /// <summary>
    /// Called on the writer loop right after each commit with the committed records in sequence
    /// order, before their appends complete. Set it before <see cref="Start"/> (or the first append).
    /// An exception from it is logged; the records stay committed.
    /// </summary>
    public Action<IReadOnlyList<IngestRecord>>? OnCommitted
    {
        get => _onCommitted;
        set
        {
            lock (_startLock)
            {
                if (_writer is not null)
                {
                    throw new InvalidOperationException("OnCommitted must be set before the ingest log starts.");
                }
                _onCommitted = value;
            }
        }
    }

    /// <summary>As <see cref="OnCommitted"/>, awaited instead of it when set (a node of a cluster first folds what other
    /// nodes committed before these records).</summary>
    public Func<IReadOnlyList<IngestRecord>, Task>? OnCommittedAsync
    {
        get => _onCommittedAsync;
        set
        {
            lock (_startLock)
            {
                if (_writer is not null)
                {
                    throw new InvalidOperationException("OnCommittedAsync must be set before the ingest log starts.");
                }
                _onCommittedAsync = value;
            }
        }
    }

    /// <summary>Starts the writer loop (the first append starts it too).</summary>
    public void Start()
    {
        lock (_startLock)
        {
            _writer ??= Task.Run(WriteLoopAsync);
        }
    }

    /// <summary>
    /// Appends a record and returns its sequence number once it is committed. The payload is kept, not copied, until
    /// the returned task ends (committed or failed): the caller must not change it before then, and may reuse it
    /// (a pooled request buffer) after. <paramref name="cancellationToken"/> only stops waiting for room in the queue;
    /// once queued, the record is written.
    /// </summary>
    public Task<long> AppendAsync(string kind, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default) =>
        AppendAsync(kind, payload, receivedAt, tag: null, cancellationToken);

    /// <summary>
    /// As the other overload; <paramref name="tag"/> (e.g. the already-parsed payload) is handed to
    /// <see cref="OnCommitted"/> with the record so it need not be decoded again. Not stored.
    /// </summary>
    public async Task<long> AppendAsync(string kind, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, object? tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Start();
        var pending = new PendingAppend(kind, payload, receivedAt, tag);
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(IngestLog));
        }
        return await pending.Committed.ConfigureAwait(false);
    }

    /// <summary>
    /// Every record with a sequence number above <paramref name="seq"/>, in order (for replay at start, and for a cluster
    /// node following the log). A record this process appended whose commit hook has not finished carries its tag.
    /// </summary>
    public async IAsyncEnumerable<IngestRecord> ReadAfterAsync(long seq, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int page = 512;
        var after = seq;
        while (true)
        {
            var records = new List<IngestRecord>(page);
            await using (var conn = await _db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            await using (var cmd = conn.Command(null, "SELECT seq, kind, payload, received_at FROM ingest_log WHERE seq > @after ORDER BY seq LIMIT @limit"))
            {
                cmd.AddParameter("@after", after);
                cmd.AddParameter("@limit", (long)page);
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var recordSeq = reader.GetInt64(0);
                    records.Add(new IngestRecord(recordSeq, reader.GetString(1), (ReadOnlyMemory<byte>)(byte[])reader.GetValue(2),
                        UnixMs.ToInstant(reader.GetInt64(3)), _ownTags.IsEmpty ? null : _ownTags.GetValueOrDefault(recordSeq)));
                }
            }
            foreach (var r in records)
            {
                yield return r;
            }
            if (records.Count < page)
            {
                yield break;
            }
            after = records[^1].Seq;
        }
    }

    /// <summary>Deletes every record up to and including <paramref name="seq"/> (once the snapshot holds them), or only
    /// those received before <paramref name="receivedBefore"/> when given.</summary>
    public Task TruncateThroughAsync(long seq, DateTimeOffset? receivedBefore = null, CancellationToken ct = default) =>
        _db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, receivedBefore is null
                ? "DELETE FROM ingest_log WHERE seq <= @seq"
                : "DELETE FROM ingest_log WHERE seq <= @seq AND received_at < @before");
            cmd.AddParameter("@seq", seq);
            cmd.AddParameter("@before", UnixMs.From(receivedBefore ?? DateTimeOffset.MinValue));
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? writer;
        lock (_startLock)
        {
            writer = _writer;
        }
        if (writer is not null)
        {
            await writer.ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAppend>(MaxBatchRecords);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            long bytes = 0;
            while (batch.Count < MaxBatchRecords && bytes < MaxBatchBytes && reader.TryRead(out var next))
            {
                batch.Add(next);
                bytes += next.Payload.Length;
            }
            long[] seqs;
            try
            {
                seqs = await _db.WriteAsync((conn, tx) => InsertAsync(conn, tx, batch), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                ForgetTags(batch);
                StorageLog.IngestCommitFailed(_logger, batch.Count, ex);
                foreach (var p in batch)
                {
                    p.Fail(ex);
                }
                continue;
            }
            var records = new IngestRecord[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                records[i] = new IngestRecord(seqs[i], batch[i].Kind, batch[i].Payload, batch[i].ReceivedAt, batch[i].Tag);
            }
            // Sequence numbers come out in insertion order; sort anyway so the hook's contract never depends on it.
            Array.Sort(records, static (a, b) => a.Seq.CompareTo(b.Seq));
            try
            {
                if (_onCommittedAsync is { } hook)
                {
                    await hook(records).ConfigureAwait(false);
                }
                else
                {
                    _onCommitted?.Invoke(records);
                }
            }
            catch (Exception ex)
            {
                StorageLog.IngestHookFailed(_logger, records[0].Seq, records[^1].Seq, ex);
            }
            foreach (var seq in seqs)
            {
                _ownTags.TryRemove(seq, out _);
            }
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(seqs[i]);
            }
        }
    }

    /// <summary>Drops the tags of a batch whose transaction did not commit (its sequence numbers were never seen).</summary>
    private void ForgetTags(List<PendingAppend> batch)
    {
        if (_ownTags.IsEmpty)
        {
            return;
        }
        foreach (var (seq, tag) in _ownTags)
        {
            if (batch.Exists(p => ReferenceEquals(p.Tag, tag)))
            {
                _ownTags.TryRemove(seq, out _);
            }
        }
    }

    private async Task<long[]> InsertAsync(DbConnection conn, DbTransaction tx, List<PendingAppend> batch)
    {
        var seqs = new long[batch.Count];
        if (conn.CanCreateBatch)
        {
            // PostgreSQL: one round trip for the whole group, behind the append lock and followed by the notice.
            await using var dbBatch = conn.CreateBatch();
            dbBatch.Transaction = tx;
            var lockCommand = dbBatch.CreateBatchCommand();
            lockCommand.CommandText = $"SELECT pg_advisory_xact_lock({AppendLockKey})";
            dbBatch.BatchCommands.Add(lockCommand);
            foreach (var p in batch)
            {
                var c = dbBatch.CreateBatchCommand();
                c.CommandText = InsertSql;
                AddBatchParameter(c, "@kind", p.Kind);
                AddBatchParameter(c, "@payload", p.Payload); // Npgsql writes a ReadOnlyMemory<byte> as bytea
                AddBatchParameter(c, "@received_at", UnixMs.From(p.ReceivedAt));
                dbBatch.BatchCommands.Add(c);
            }
            var notify = dbBatch.CreateBatchCommand();
            notify.CommandText = $"SELECT pg_notify('{NoticeChannel}', '')";
            dbBatch.BatchCommands.Add(notify);
            await using var reader = await dbBatch.ExecuteReaderAsync().ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                // The first result is the lock's.
                await reader.NextResultAsync().ConfigureAwait(false);
                await reader.ReadAsync().ConfigureAwait(false);
                seqs[i] = reader.GetInt64(0);
                if (batch[i].Tag is { } tag)
                {
                    _ownTags[seqs[i]] = tag; // before the commit, so no other reader sees the record without it
                }
            }
            return seqs;
        }
        // SQLite: in-process, so one prepared statement executed per record is the fast path, bound straight into SQLite
        // (RowStatement) and its seq read as the last row id rather than through RETURNING. Writes share one long-lived
        // connection (Database.WriteAsync), so the statement is prepared once per connection.
        if (!ReferenceEquals(_sqliteInsertConnection, conn) || _sqliteInsert is null)
        {
            if (_sqliteInsert is not null)
            {
                await _sqliteInsert.DisposeAsync().ConfigureAwait(false);
            }
            _sqliteInsert = new SqliteRowStatement((Microsoft.Data.Sqlite.SqliteConnection)conn,
                "INSERT INTO ingest_log (kind, payload, received_at) VALUES (?1, ?2, ?3)");
            _sqliteInsertConnection = conn;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            _sqliteInsert.Add(batch[i].Kind);
            _sqliteInsert.Add(batch[i].Payload.Span);
            await _sqliteInsert.Add(UnixMs.From(batch[i].ReceivedAt)).ExecuteAsync(CancellationToken.None).ConfigureAwait(false);
            seqs[i] = _sqliteInsert.LastInsertRowId;
        }
        return seqs;
    }

    private static void AddBatchParameter(DbBatchCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
