using System.Text;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

/// <summary>
/// The outbox's rules for a group's notifications (one receiver, integration and group): the newest supersedes the
/// older undelivered ones, and they are claimed in order, one at a time, across nodes.
/// </summary>
public sealed class OutboxSupersedeTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OutboxMessage Message(string body, string group = "{}:{alertname=\"A\"}", string receiver = "team-x", int index = 0,
        DateTimeOffset? at = null) =>
        new(receiver, index, "http://127.0.0.1:9/hook", group, Encoding.UTF8.GetBytes(body), at ?? T0);

    private static async Task<(long Id, IReadOnlyList<string> Superseded)> EnqueueStateAsync(Database db, OutboxMessage message)
    {
        var (id, superseded) = await db.WriteAsync((conn, tx) => new OutboxStore(db).EnqueueGroupStateAsync(conn, tx, message, Ct), Ct);
        return (id!.Value, superseded.Select(p => Encoding.UTF8.GetString(p)).ToList());
    }

    /// <summary>A group's notification "1" claimed by node "a" at <see cref="T0"/>, then superseded by "2" while in flight.</summary>
    private async Task<(OutboxStore Outbox, long First, long Second)> InFlightThenSupersededAsync(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var outbox = new OutboxStore(db);
        var (first, _) = await EnqueueStateAsync(db, Message("1"));
        Assert.Equal(first, Assert.Single(await outbox.ClaimDueAsync("a", T0, Lease, 10, cancellationToken: Ct)).Id);
        var (second, superseded) = await EnqueueStateAsync(db, Message("2", at: T0.AddSeconds(1)));
        Assert.Equal(["1"], superseded);
        return (outbox, first, second);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task NewestOfAGroup_SupersedesOlderUndeliveredOnes_OfThatReceiverIntegrationAndGroupOnly(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var outbox = new OutboxStore(db);
        var (first, _) = await EnqueueStateAsync(db, Message("1"));
        var (second, _) = await EnqueueStateAsync(db, Message("2"));
        var (otherIndex, _) = await EnqueueStateAsync(db, Message("index 1", index: 1));
        var (otherGroup, _) = await EnqueueStateAsync(db, Message("group B", group: "{}:{alertname=\"B\"}"));
        var (otherReceiver, _) = await EnqueueStateAsync(db, Message("team-y", receiver: "team-y"));
        var notice = (await outbox.EnqueueAsync(Message("a page notice, not a group state"), null, Ct))!.Value;

        var (third, superseded) = await EnqueueStateAsync(db, Message("3", at: T0.AddSeconds(1)));

        Assert.Equal(["2"], superseded); // "1" is no longer pending: "2" superseded it (and its sender took over what it said)
        var items = (await outbox.ListAsync(limit: 100, cancellationToken: Ct)).ToDictionary(i => i.Id);
        Assert.Equal((OutboxState.Superseded, second), (items[first].State, items[first].SupersededBy));
        Assert.Equal((OutboxState.Superseded, third), (items[second].State, items[second].SupersededBy));
        Assert.All(new[] { third, otherIndex, otherGroup, otherReceiver, notice }, id => Assert.Equal((OutboxState.Pending, (long?)null),
            (items[id].State, items[id].SupersededBy)));
        Assert.Equal([first, second], (await outbox.ListAsync(OutboxState.Superseded, cancellationToken: Ct)).Select(i => i.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OneInFlight_IsLeftToFinish_HoldsTheNewerBack_AndIsNotRetriedWhenItFails(string engine)
    {
        var (outbox, first, second) = await InFlightThenSupersededAsync(engine);

        var inFlight = (await outbox.GetAsync(first, Ct))!;
        Assert.Equal((OutboxState.Pending, second, "a"), (inFlight.State, inFlight.SupersededBy, inFlight.LeaseOwner));
        Assert.Empty(await outbox.ClaimDueAsync("b", T0.AddSeconds(2), Lease, 10, cancellationToken: Ct));

        Assert.False(await outbox.ScheduleRetryAsync(first, T0.AddSeconds(3), "HTTP 503", Ct));

        var failed = (await outbox.GetAsync(first, Ct))!;
        Assert.Equal((OutboxState.Superseded, "HTTP 503", (string?)null), (failed.State, failed.LastError, failed.LeaseOwner));
        Assert.Equal(second, Assert.Single(await outbox.ClaimDueAsync("b", T0.AddSeconds(2), Lease, 10, cancellationToken: Ct)).Id);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OneInFlightWhoseLeaseTheClockSteppedPast_StillHoldsTheNewerBack_ForTheNodeStillSendingIt(string engine)
    {
        var (outbox, first, second) = await InFlightThenSupersededAsync(engine);

        // The clock steps past the first's lease while "a" still sends it: "a" claims neither, so "2" cannot overtake "1".
        var past = T0 + Lease + TimeSpan.FromSeconds(1);
        Assert.Empty(await outbox.ClaimDueAsync("a", past, Lease, 10, skipIds: [first], cancellationToken: Ct));

        // Another node knows nothing of it: to it the lease ran out, as when "a" died (the first is closed, the second sent).
        var taken = await outbox.ClaimDueAsync("b", past, Lease, 10, cancellationToken: Ct);
        Assert.Equal([(first, OutboxState.Superseded), (second, OutboxState.Pending)], taken.Select(i => (i.Id, i.State)).Order());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OneLeasedAsItWasAdded_IsInFlightLikeAClaimedOne_AndHoldsTheNewerBackUntilItsOutcome(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var outbox = new OutboxStore(db);
        // What a flush does when its node's worker has room: add the message and lease it in the same transaction.
        var first = await db.WriteAsync(async (conn, tx) =>
        {
            var (id, superseded) = await outbox.EnqueueGroupStateAsync(conn, tx, Message("1"), Ct);
            Assert.Empty(superseded);
            await outbox.LeaseNewAsync(conn, tx, id!.Value, "a", T0 + Lease, Ct);
            return id.Value;
        }, Ct);

        Assert.Empty(await outbox.ClaimDueAsync("b", T0, Lease, 10, cancellationToken: Ct));
        var (second, superseded) = await EnqueueStateAsync(db, Message("2", at: T0.AddSeconds(1)));

        Assert.Equal(["1"], superseded);
        var inFlight = (await outbox.GetAsync(first, Ct))!;
        Assert.Equal((OutboxState.Pending, second, "a"), (inFlight.State, inFlight.SupersededBy, inFlight.LeaseOwner));
        Assert.Empty(await outbox.ClaimDueAsync("b", T0.AddSeconds(2), Lease, 10, cancellationToken: Ct));

        Assert.True(await outbox.MarkDeliveredAsync(first, T0.AddSeconds(3), Ct));

        Assert.Equal(second, Assert.Single(await outbox.ClaimDueAsync("b", T0.AddSeconds(4), Lease, 10, cancellationToken: Ct)).Id);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OneInFlight_ThatIsDelivered_StaysDelivered_AndTheNewerGoesOutAfterIt(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var outbox = new OutboxStore(db);
        var (first, _) = await EnqueueStateAsync(db, Message("1"));
        await outbox.ClaimDueAsync("a", T0, Lease, 10, cancellationToken: Ct);
        var (second, _) = await EnqueueStateAsync(db, Message("2"));

        Assert.True(await outbox.MarkDeliveredAsync(first, T0.AddSeconds(1), Ct));

        Assert.Equal(OutboxState.Delivered, (await outbox.GetAsync(first, Ct))!.State);
        Assert.Equal(second, Assert.Single(await outbox.ClaimDueAsync("a", T0.AddSeconds(1), Lease, 10, cancellationToken: Ct)).Id);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OneAwaitingItsRetry_IsSuperseded_AndTheNewerIsDueAtOnce(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var outbox = new OutboxStore(db);
        var (first, _) = await EnqueueStateAsync(db, Message("1"));
        await outbox.ClaimDueAsync("a", T0, Lease, 10, cancellationToken: Ct);
        Assert.True(await outbox.ScheduleRetryAsync(first, T0.AddMinutes(5), "HTTP 503", Ct));

        var (second, superseded) = await EnqueueStateAsync(db, Message("2", at: T0.AddSeconds(10)));

        Assert.Equal(["1"], superseded);
        Assert.Equal(OutboxState.Superseded, (await outbox.GetAsync(first, Ct))!.State);
        Assert.Equal(second, Assert.Single(await outbox.ClaimDueAsync("a", T0.AddSeconds(10), Lease, 10, cancellationToken: Ct)).Id);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OneSupersededInFlight_WhoseWorkerWentAway_IsClosedAtTheNextClaim_AndNoLongerHoldsTheNewerBack(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var outbox = new OutboxStore(db);
        var (first, _) = await EnqueueStateAsync(db, Message("1"));
        await outbox.ClaimDueAsync("gone", T0, Lease, 10, cancellationToken: Ct);
        var (second, _) = await EnqueueStateAsync(db, Message("2"));

        var claimed = await outbox.ClaimDueAsync("b", T0 + Lease + TimeSpan.FromSeconds(1), Lease, 10, cancellationToken: Ct);

        Assert.Equal([(first, OutboxState.Superseded, (string?)null), (second, OutboxState.Pending, "b")],
            claimed.Select(i => (i.Id, i.State, i.LeaseOwner)).OrderBy(i => i.Item1));
        Assert.Equal(OutboxState.Superseded, (await outbox.GetAsync(first, Ct))!.State);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task TwoNodesClaimingAtOnce_NeverHaveTwoNotificationsOfAGroupInFlight(string engine)
    {
        var nodes = await _dbs.CreateManyAsync(engine, 2);
        var a = new OutboxStore(nodes[0]);
        var b = new OutboxStore(nodes[1]);
        const int groups = 30;
        for (var g = 0; g < groups; g++)
        {
            await EnqueueStateAsync(nodes[0], Message($"{g}.1", group: $"g{g}"));
        }
        // Node a has some first messages in flight; every group then gets a second, and a third for half of them.
        await a.ClaimDueAsync("node-a", T0, Lease, 10, cancellationToken: Ct);
        for (var g = 0; g < groups; g++)
        {
            await EnqueueStateAsync(nodes[0], Message($"{g}.2", group: $"g{g}"));
            if (g % 2 == 0)
            {
                await EnqueueStateAsync(nodes[0], Message($"{g}.3", group: $"g{g}"));
            }
        }

        async Task ClaimAll(OutboxStore store, string owner)
        {
            for (var round = 0; round < 10; round++)
            {
                await store.ClaimDueAsync(owner, T0.AddSeconds(1), Lease, 3, cancellationToken: Ct);
            }
        }
        await Task.WhenAll(Task.Run(() => ClaimAll(a, "node-a")), Task.Run(() => ClaimAll(b, "node-b")));

        var inFlight = (await a.ListAsync(OutboxState.Pending, limit: 1000, cancellationToken: Ct)).Where(i => i.LeaseOwner is not null).ToList();
        Assert.All(inFlight.GroupBy(i => i.GroupKey), g => Assert.Single(g));
        Assert.Equal(groups, inFlight.Count); // every group has exactly one: the in-flight first, else its newest
        var newest = Enumerable.Range(0, groups).ToDictionary(g => $"g{g}", g => g % 2 == 0 ? $"{g}.3" : $"{g}.2");
        Assert.All(inFlight, i => Assert.Contains(Encoding.UTF8.GetString(i.Payload), new[] { $"{i.GroupKey[1..]}.1", newest[i.GroupKey] }));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ARestartedNode_TakesBackItsOwnLeases_AndOnlyThose(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        var mine = (await outbox.EnqueueAsync(Message("mine"), null, Ct))!.Value;
        await outbox.ClaimDueAsync("host-1/100/aaaa", T0, Lease, 1, cancellationToken: Ct);
        var theirs = (await outbox.EnqueueAsync(Message("theirs"), null, Ct))!.Value;
        await outbox.ClaimDueAsync("host-10/100/bbbb", T0, Lease, 1, cancellationToken: Ct);

        Assert.Equal(1, await outbox.ReleaseLeasesOfNodeAsync("host-1", Ct));

        Assert.Null((await outbox.GetAsync(mine, Ct))!.LeaseOwner);
        Assert.Equal("host-10/100/bbbb", (await outbox.GetAsync(theirs, Ct))!.LeaseOwner);
        Assert.Equal(mine, Assert.Single(await outbox.ClaimDueAsync("host-1/200/cccc", T0.AddSeconds(1), Lease, 10, cancellationToken: Ct)).Id);
    }
}
