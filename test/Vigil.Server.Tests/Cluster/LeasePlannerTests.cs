using Vigil.Server.Cluster;

namespace Vigil.Server.Tests.Cluster;

/// <summary>What a node asks for in a lease round, from the table as read (pure).</summary>
public sealed class LeasePlannerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2027-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly string[] Ten = [.. Enumerable.Range(0, 10).Select(i => "k" + i)];

    [Fact]
    public void ANodeAlone_AsksForEveryKey()
    {
        var plan = LeasePlanner.Make([new LeaseWant("probe", Ten, true)], [], "a", "i1", liveNodes: 1, Now);
        Assert.Equal(10, plan.Take.Count);
        Assert.Empty(plan.Release);
    }

    [Fact]
    public void WithThreeLiveNodes_ANodeAsksForItsShare_RoundedUp()
    {
        var plan = LeasePlanner.Make([new LeaseWant("probe", Ten, true)], [], "a", "i1", liveNodes: 3, Now);
        Assert.Equal(4, plan.Take.Count);
    }

    [Fact]
    public void KeysHeldByAnotherLiveOwner_AreNeverAskedFor_ButExpiredOnesAre()
    {
        var table = Ten.Take(8).Select(k => new LeaseRow("probe", k, "b", "i2", Now.AddSeconds(-10), Now.AddSeconds(3)))
            .Append(new LeaseRow("probe", "k8", "c", "i3", Now.AddSeconds(-10), Now.AddSeconds(-1)))
            .ToList();
        var plan = LeasePlanner.Make([new LeaseWant("probe", Ten, true)], table, "a", "i1", liveNodes: 2, Now);
        Assert.Equal([("probe", "k8"), ("probe", "k9")], plan.Take);
    }

    [Fact]
    public void ANodeHoldingMoreThanItsShare_RenewsItsShareAndGivesUpTheRest()
    {
        var table = Ten.Select(k => new LeaseRow("probe", k, "a", "i1", Now.AddSeconds(-10), Now.AddSeconds(3))).ToList();
        var plan = LeasePlanner.Make([new LeaseWant("probe", Ten, true)], table, "a", "i1", liveNodes: 2, Now);
        Assert.Equal(5, plan.Take.Count);
        Assert.Equal(5, plan.Release.Count);
        Assert.Empty(plan.Take.Intersect(plan.Release));
    }

    [Fact]
    public void ALeaseOfAnEarlierInstanceOfTheSameName_IsNotRenewedButWaitedOut()
    {
        var table = new List<LeaseRow> { new("hosts", "all", "a", "old", Now.AddSeconds(-10), Now.AddSeconds(3)) };
        var plan = LeasePlanner.Make([new LeaseWant("hosts", ["all"], false)], table, "a", "new", liveNodes: 1, Now);
        Assert.Empty(plan.Take);
    }

    [Fact]
    public void KeysNoLongerWanted_AreGivenUp()
    {
        var table = new List<LeaseRow> { new("probe", "gone", "a", "i1", Now.AddSeconds(-10), Now.AddSeconds(3)) };
        var plan = LeasePlanner.Make([new LeaseWant("probe", ["k0"], true)], table, "a", "i1", liveNodes: 1, Now);
        Assert.Equal([("probe", "k0")], plan.Take);
        Assert.Equal([("probe", "gone")], plan.Release);
    }

    [Fact]
    public void TwoNodes_PreferDifferentKeys()
    {
        var a = LeasePlanner.Make([new LeaseWant("probe", Ten, true)], [], "node-a", "i1", liveNodes: 2, Now).Take;
        var b = LeasePlanner.Make([new LeaseWant("probe", Ten, true)], [], "node-b", "i2", liveNodes: 2, Now).Take;
        Assert.True(a.Intersect(b).Count() < 5);
    }
}
