using Vigil.Server.Plans.Runs;
using Vigil.Server.Pools;

namespace Vigil.Server.Tests.Plans;

/// <summary>
/// <c>pool_min_healthy</c> is judged once per pool read and batch: the hosts of a batch share the outcome, and another
/// batch or another read is judged for itself.
/// </summary>
public sealed class MinHealthyJudgementsTests
{
    private static readonly Pool Web = new()
    {
        Name = "web",
        Instances = [HaproxyEndpoint.Address("127.0.0.1", 1)],
        Backend = "be_web",
        Members = [.. Enumerable.Range(1, 5).Select(i => new PoolMember($"s{i}", $"web-{i}"))],
        MinHealthy = 3,
    };

    private static PoolHealthReport Read(params string[] unhealthy) => new(Web,
        [.. Web.Members.Select(m => new MemberHealth(m, !unhealthy.Contains(m.Host), unhealthy.Contains(m.Host) ? [$"{m.Server} is DOWN"] : [], [],
            new HostStanding(m.Host, HostAgentState.Passing, "boot-1", null, null, null, 0, [])))],
        []);

    [Fact]
    public void TheHostsOfABatch_ShareOneJudgementOfTheirPoolRead()
    {
        var judgements = new MinHealthyJudgements();
        var read = Read();
        IReadOnlyList<string> batch = ["web-1", "web-2"];

        var first = judgements.Judge(read, batch);
        var second = judgements.Judge(read, batch);

        Assert.Equal(Verdict.Passed, first.Verdict);
        Assert.Equal("pool web keeps 3 healthy without s1, s2 (min_healthy 3)", first.Reason);
        Assert.Same(first, second);
    }

    [Fact]
    public void AnotherBatch_OnTheSameRead_IsJudgedWithItsOwnMembersLeaving()
    {
        var judgements = new MinHealthyJudgements();
        var read = Read();

        var two = judgements.Judge(read, ["web-1", "web-2"]);
        var three = judgements.Judge(read, ["web-1", "web-2", "web-3"]);

        Assert.Equal(Verdict.Passed, two.Verdict);
        Assert.Equal(Verdict.Failed, three.Verdict);
        Assert.Equal("pool web would keep 2 healthy without s1, s2, s3, below min_healthy 3", three.Reason);
    }

    [Fact]
    public void TheSameBatch_OnANewerRead_IsJudgedOnWhatThatReadShows()
    {
        var judgements = new MinHealthyJudgements();
        IReadOnlyList<string> batch = ["web-1"];

        var healthy = judgements.Judge(Read(), batch);
        var twoDown = judgements.Judge(Read("web-4", "web-5"), batch);

        Assert.Equal(Verdict.Passed, healthy.Verdict);
        Assert.Equal(Verdict.Failed, twoDown.Verdict);
        Assert.Equal(["s4 is DOWN", "s5 is DOWN"], twoDown.Failures);
    }

    [Fact]
    public void HostsOfTheBatchOutsideThePool_DoNotCountAsLeavingIt()
    {
        var judgements = new MinHealthyJudgements();

        var judged = judgements.Judge(Read(), ["web-1", "db-1", "db-2"]);

        Assert.Equal(Verdict.Passed, judged.Verdict);
        Assert.Equal("pool web keeps 4 healthy without s1 (min_healthy 3)", judged.Reason);
    }
}
