using System.Text;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

public sealed class OutboxStoreTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    internal static OutboxMessage Message(string receiver = "team-x", string? dedup = null, string url = "http://127.0.0.1:9/hook") =>
        new(receiver, 0, url, "{}:{alertname=\"A\"}", Encoding.UTF8.GetBytes("{\"status\":\"firing\"}"), T0, dedup);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Enqueue_WithNotificationLog_WritesBothInOneTransaction(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var outbox = new OutboxStore(db);
        var nflog = new NotificationLogStore(db);

        var id = await outbox.EnqueueAsync(Message(), new NotificationLogRow("g", "team-x", 0, [7], [], T0, T0.AddDays(5)),
            TestContext.Current.CancellationToken);

        Assert.NotNull(id);
        var item = await outbox.GetAsync(id.Value, TestContext.Current.CancellationToken);
        Assert.NotNull(item);
        Assert.Equal((OutboxState.Pending, 0, T0, "webhook"), (item.State, item.Attempts, item.NextAttemptAt, item.Integration));
        Assert.Equal("{\"status\":\"firing\"}", Encoding.UTF8.GetString(item.Payload));
        Assert.Equal([7UL], Assert.Single(await nflog.LoadAllAsync(TestContext.Current.CancellationToken)).Firing);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Enqueue_InACallersTransactionThatRollsBack_LeavesNothing(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var outbox = new OutboxStore(db);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync(async (conn, tx) =>
        {
            await outbox.EnqueueAsync(conn, tx, Message(), TestContext.Current.CancellationToken);
            throw new InvalidOperationException("step failed");
        }, TestContext.Current.CancellationToken));

        Assert.Empty(await outbox.ListAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Enqueue_SameDedupKeyTwice_AddsOneMessage(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));

        var first = await outbox.EnqueueAsync(Message(dedup: "g/team-x/0/1714564800000"), null, TestContext.Current.CancellationToken);
        var second = await outbox.EnqueueAsync(Message(dedup: "g/team-x/0/1714564800000"), null, TestContext.Current.CancellationToken);
        var noKey1 = await outbox.EnqueueAsync(Message(), null, TestContext.Current.CancellationToken);
        var noKey2 = await outbox.EnqueueAsync(Message(), null, TestContext.Current.CancellationToken);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotEqual(noKey1, noKey2);
        // The ids returned are the stored rows' (on SQLite they come from last_insert_rowid(), not RETURNING).
        var stored = await outbox.ListAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new[] { first, noKey1, noKey2 }.Select(id => id!.Value).Order(), stored.Select(m => m.Id).Order());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Claim_IsExclusiveBetweenTwoNodes(string engine)
    {
        var nodes = await _dbs.CreateManyAsync(engine, 2);
        var a = new OutboxStore(nodes[0]);
        var b = new OutboxStore(nodes[1]);
        for (var i = 0; i < 60; i++)
        {
            await a.EnqueueAsync(Message(receiver: $"r{i % 5}"), null, TestContext.Current.CancellationToken);
        }

        async Task<List<long>> ClaimAll(OutboxStore store, string owner)
        {
            var ids = new List<long>();
            for (var round = 0; round < 20; round++)
            {
                ids.AddRange((await store.ClaimDueAsync(owner, T0, Lease, 7, cancellationToken: TestContext.Current.CancellationToken)).Select(m => m.Id));
            }
            return ids;
        }
        var claimed = await Task.WhenAll(Task.Run(() => ClaimAll(a, "node-a")), Task.Run(() => ClaimAll(b, "node-b")));

        Assert.Empty(claimed[0].Intersect(claimed[1]));
        Assert.Equal(60, claimed[0].Count + claimed[1].Count);
        Assert.All(await a.ListAsync(limit: 100, cancellationToken: TestContext.Current.CancellationToken),
            m => Assert.Equal(claimed[0].Contains(m.Id) ? "node-a" : "node-b", m.LeaseOwner));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Claim_TakesOnlyDueUnleasedMessages_AndAnExpiredLeaseCanBeTakenOver(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        var id = (await outbox.EnqueueAsync(Message(), null, TestContext.Current.CancellationToken))!.Value;

        Assert.Empty(await outbox.ClaimDueAsync("a", T0.AddSeconds(-1), Lease, 10, cancellationToken: TestContext.Current.CancellationToken));
        var first = Assert.Single(await outbox.ClaimDueAsync("a", T0, Lease, 10, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((id, "a", T0 + Lease), (first.Id, first.LeaseOwner, first.LeaseUntil));
        Assert.Empty(await outbox.ClaimDueAsync("b", T0.AddSeconds(30), Lease, 10, cancellationToken: TestContext.Current.CancellationToken));

        var takenOver = Assert.Single(await outbox.ClaimDueAsync("b", T0 + Lease + TimeSpan.FromSeconds(1), Lease, 10,
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("b", takenOver.LeaseOwner);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Claim_LeavesTheMessagesTheClaimerIsStillSending_EvenWhenTheirLeaseRanOut(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        var sending = (await outbox.EnqueueAsync(Message(receiver: "a"), null, TestContext.Current.CancellationToken))!.Value;
        var other = (await outbox.EnqueueAsync(Message(receiver: "b"), null, TestContext.Current.CancellationToken))!.Value;
        Assert.Equal(2, (await outbox.ClaimDueAsync("a", T0, Lease, 10, cancellationToken: TestContext.Current.CancellationToken)).Count);

        var again = await outbox.ClaimDueAsync("a", T0 + Lease + TimeSpan.FromSeconds(1), Lease, 10, skipIds: [sending],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(other, Assert.Single(again).Id);
        Assert.Equal(T0 + Lease, (await outbox.GetAsync(sending, TestContext.Current.CancellationToken))!.LeaseUntil);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Claim_SkipsReceiversTheWorkerIsBusyWith(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        await outbox.EnqueueAsync(Message(receiver: "slow") with { Integration = "receiver:webhook" }, null, TestContext.Current.CancellationToken);
        await outbox.EnqueueAsync(Message(receiver: "fast") with { Integration = "receiver:webhook" }, null, TestContext.Current.CancellationToken);

        var claimed = await outbox.ClaimDueAsync("a", T0, Lease, 10, ["slow"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("fast", Assert.Single(claimed).Receiver);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Claim_OfPageMessages_SkipsTheTargetUrlsTheWorkerIsBusyWith_NotTheirReceiver(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        await outbox.EnqueueAsync(Message(receiver: "ops", url: "http://127.0.0.1:9/page/alice"), null, TestContext.Current.CancellationToken);
        await outbox.EnqueueAsync(Message(receiver: "ops", url: "http://127.0.0.1:9/page/bob"), null, TestContext.Current.CancellationToken);
        await outbox.EnqueueAsync(Message(receiver: "ops", url: "http://127.0.0.1:9/page/carol"), null, TestContext.Current.CancellationToken);

        var claimed = await outbox.ClaimDueAsync("a", T0, Lease, 10, ["ops"], ["http://127.0.0.1:9/page/alice"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["http://127.0.0.1:9/page/bob", "http://127.0.0.1:9/page/carol"], claimed.Select(m => m.TargetUrl).Order());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Attempts_AreRecorded_AndARetryIsDueOnlyAtItsTime(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        var id = (await outbox.EnqueueAsync(Message(), null, TestContext.Current.CancellationToken))!.Value;
        await outbox.ClaimDueAsync("a", T0, Lease, 10, cancellationToken: TestContext.Current.CancellationToken);

        await outbox.RecordAttemptAsync(id, new DeliveryAttempt(T0, TimeSpan.FromMilliseconds(12), 503, "HTTP 503"), TestContext.Current.CancellationToken);
        await outbox.RecordAttemptAsync(id, new DeliveryAttempt(T0.AddSeconds(1), TimeSpan.FromSeconds(10), null, "timed out"), TestContext.Current.CancellationToken);
        Assert.True(await outbox.ScheduleRetryAsync(id, T0.AddSeconds(4), "timed out", TestContext.Current.CancellationToken));

        var item = (await outbox.GetAsync(id, TestContext.Current.CancellationToken))!;
        Assert.Equal((2, T0.AddSeconds(4), "timed out", (string?)null), (item.Attempts, item.NextAttemptAt, item.LastError, item.LeaseOwner));
        var attempts = await outbox.GetAttemptsAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal([503, null], attempts.Select(a => a.StatusCode));
        Assert.Equal(TimeSpan.FromMilliseconds(12), attempts[0].Duration);
        Assert.Empty(await outbox.ClaimDueAsync("a", T0.AddSeconds(3), Lease, 10, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Single(await outbox.ClaimDueAsync("a", T0.AddSeconds(4), Lease, 10, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DeliveredAndFailedMessages_AreNeverClaimedAgain_AndListFilters(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        var delivered = (await outbox.EnqueueAsync(Message(receiver: "a"), null, TestContext.Current.CancellationToken))!.Value;
        var failed = (await outbox.EnqueueAsync(Message(receiver: "b"), null, TestContext.Current.CancellationToken))!.Value;
        var pending = (await outbox.EnqueueAsync(Message(receiver: "b"), null, TestContext.Current.CancellationToken))!.Value;

        Assert.True(await outbox.MarkDeliveredAsync(delivered, T0.AddSeconds(1), TestContext.Current.CancellationToken));
        Assert.True(await outbox.MarkFailedAsync(failed, "HTTP 400", TestContext.Current.CancellationToken));
        Assert.False(await outbox.MarkDeliveredAsync(failed, T0, TestContext.Current.CancellationToken));

        Assert.Equal(pending, Assert.Single(await outbox.ClaimDueAsync("x", T0.AddHours(1), Lease, 10, cancellationToken: TestContext.Current.CancellationToken)).Id);
        Assert.Equal(T0.AddSeconds(1), Assert.Single(await outbox.ListAsync(OutboxState.Delivered, cancellationToken: TestContext.Current.CancellationToken)).DeliveredAt);
        Assert.Equal("HTTP 400", Assert.Single(await outbox.ListAsync(OutboxState.Failed, "b", cancellationToken: TestContext.Current.CancellationToken)).LastError);
        Assert.Equal([pending, failed], (await outbox.ListAsync(receiver: "b", cancellationToken: TestContext.Current.CancellationToken)).Select(m => m.Id));
        Assert.Single(await outbox.ListAsync(limit: 1, cancellationToken: TestContext.Current.CancellationToken));
    }
}
