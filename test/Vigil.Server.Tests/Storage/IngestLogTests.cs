using System.Collections.Concurrent;
using System.Text;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

public sealed class IngestLogTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ConcurrentAppends_AreAllDurableReadableAndHandedOverInSequenceOrder(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var handedOver = new List<IngestRecord>();
        await using var log = new IngestLog(db) { OnCommitted = records => handedOver.AddRange(records) };

        var seqs = new ConcurrentBag<(long Seq, string Body)>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var body = $"caller {caller} request {i}";
                seqs.Add((await log.AppendAsync("alerts", Encoding.UTF8.GetBytes(body), T0.AddSeconds(i)), body));
            }
        })));

        Assert.Equal(800, seqs.Select(s => s.Seq).Distinct().Count());
        var read = await ToListAsync(log.ReadAfterAsync(0, TestContext.Current.CancellationToken));
        Assert.Equal(800, read.Count);
        Assert.Equal(read.Select(r => r.Seq).Order(), read.Select(r => r.Seq));
        var bodies = seqs.ToDictionary(s => s.Seq, s => s.Body);
        Assert.All(read, r => Assert.Equal(bodies[r.Seq], Encoding.UTF8.GetString(r.Payload.Span)));
        Assert.All(read, r => Assert.Equal("alerts", r.Kind));
        Assert.Equal(read.Select(r => r.Seq), handedOver.Select(r => r.Seq));
    }

    [Fact]
    public async Task OnPostgres_ARecordReadBeforeItsCommitHookRan_CarriesItsTag_AndNoLongerOnceTheHookIsDone()
    {
        // A cluster node following the shared log can read its own record before the commit hook folds it: it must fold
        // it as the hook would (the parsed alerts, and the admission's places they give back), so the tag comes along.
        var db = await _dbs.CreateAsync("postgres");
        var hookEntered = new TaskCompletionSource();
        var hookRelease = new TaskCompletionSource();
        await using var log = new IngestLog(db)
        {
            OnCommittedAsync = async _ =>
            {
                hookEntered.TrySetResult();
                await hookRelease.Task;
            },
        };
        var tag = new object();

        var append = log.AppendAsync("alerts", new byte[] { 1 }, T0, tag, TestContext.Current.CancellationToken);
        await hookEntered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var whileHooked = Assert.Single(await ToListAsync(log.ReadAfterAsync(0, TestContext.Current.CancellationToken)));
        hookRelease.SetResult();
        var seq = await append;
        var after = Assert.Single(await ToListAsync(log.ReadAfterAsync(0, TestContext.Current.CancellationToken)));

        Assert.Equal(seq, whileHooked.Seq);
        Assert.Same(tag, whileHooked.Tag);
        Assert.Null(after.Tag);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AppendsArrivingDuringACommit_AreGroupCommittedTogether(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var batches = new List<int>();
        await using var log = new IngestLog(db) { OnCommitted = records => batches.Add(records.Count) };
        log.Start();
        var release = new TaskCompletionSource();
        var holding = new TaskCompletionSource();

        // Hold the write path (SQLite's writer; PostgreSQL's table lock) while 200 appends queue up.
        var blocker = db.WriteAsync(async (conn, tx) =>
        {
            if (db.Engine == DatabaseEngine.Postgres)
            {
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "LOCK TABLE ingest_log IN EXCLUSIVE MODE";
                await cmd.ExecuteNonQueryAsync();
            }
            holding.SetResult();
            await release.Task;
        }, TestContext.Current.CancellationToken);
        await holding.Task;
        var appends = Enumerable.Range(0, 200).Select(i => log.AppendAsync("alerts", new byte[] { (byte)i }, T0)).ToArray();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(appends, a => a.IsCompleted);
        release.SetResult();
        await blocker;
        await Task.WhenAll(appends);

        Assert.Equal(200, batches.Sum());
        Assert.True(batches.Count <= 3, $"expected the queued appends in at most 3 commits, got {batches.Count}");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AppendAsync_ReturnsAfterTheHookHasAppliedTheRecord(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var applied = new ConcurrentDictionary<long, bool>();
        await using var log = new IngestLog(db) { OnCommitted = records => { foreach (var r in records) { applied[r.Seq] = true; } } };

        for (var i = 0; i < 20; i++)
        {
            var seq = await log.AppendAsync("alerts", "x"u8.ToArray(), T0, TestContext.Current.CancellationToken);
            Assert.True(applied.ContainsKey(seq));
        }
        Assert.Throws<InvalidOperationException>(() => log.OnCommitted = null);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TruncateThrough_RemovesOnlyTheSnapshottedPrefix_AndSequenceNumbersKeepGrowing(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        await using var log = new IngestLog(db);
        var seqs = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            seqs.Add(await log.AppendAsync(i % 2 == 0 ? "alerts" : "pagerduty", new[] { (byte)i }, T0.AddMilliseconds(i), TestContext.Current.CancellationToken));
        }

        await log.TruncateThroughAsync(seqs[4], ct: TestContext.Current.CancellationToken);
        var rest = await ToListAsync(log.ReadAfterAsync(0, TestContext.Current.CancellationToken));
        Assert.Equal(seqs.Skip(5), rest.Select(r => r.Seq));
        Assert.Equal(T0.AddMilliseconds(5), rest[0].ReceivedAt);
        Assert.Equal("pagerduty", rest[0].Kind);
        Assert.Equal(seqs.Skip(8), (await ToListAsync(log.ReadAfterAsync(seqs[7], TestContext.Current.CancellationToken))).Select(r => r.Seq));

        await log.TruncateThroughAsync(seqs[^1], ct: TestContext.Current.CancellationToken);
        Assert.Empty(await ToListAsync(log.ReadAfterAsync(0, TestContext.Current.CancellationToken)));
        Assert.True(await log.AppendAsync("alerts", "y"u8.ToArray(), T0, TestContext.Current.CancellationToken) > seqs[^1]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ReadAfter_PagesThroughALongTail(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        await using var log = new IngestLog(db);
        await Task.WhenAll(Enumerable.Range(0, 1500).Select(i => log.AppendAsync("alerts", BitConverter.GetBytes(i), T0)));

        var read = await ToListAsync(log.ReadAfterAsync(0, TestContext.Current.CancellationToken));

        Assert.Equal(1500, read.Count);
        Assert.Equal(read.Select(r => r.Seq).Order(), read.Select(r => r.Seq));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Dispose_DrainsQueuedAppends_ThenRefusesNewOnes(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var log = new IngestLog(db);
        var appends = Enumerable.Range(0, 300).Select(i => log.AppendAsync("alerts", new byte[100], T0)).ToArray();

        await log.DisposeAsync();

        // Every queued append was committed before dispose returned; their callers resume right after.
        await Task.WhenAll(appends).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync("alerts", new byte[1], T0, TestContext.Current.CancellationToken));
        await using var reopened = new IngestLog(db);
        Assert.Equal(300, (await ToListAsync(reopened.ReadAfterAsync(0, TestContext.Current.CancellationToken))).Count);
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
