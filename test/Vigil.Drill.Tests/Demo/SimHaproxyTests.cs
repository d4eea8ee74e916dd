using Vigil.Drill.Demo;
using Vigil.Server.Pools;

namespace Vigil.Drill.Tests.Demo;

/// <summary>The simulated HAProxy, read and driven by the server's own Runtime API client and parsers.</summary>
public sealed class SimHaproxyTests
{
    private static readonly Dictionary<string, (string, string)[]> Backends = new() { ["lbs"] = [("lb-1", "lb-1"), ("lb-2", "lb-2")] };

    [Fact]
    public async Task ShowStat_FollowsTheHosts_AndSetStateIsReadBackByThePoolCode()
    {
        var down = new HashSet<string> { "lb-2" };
        await using var haproxy = SimHaproxy.Start("edge", Backends, host => !down.Contains(host), () => true, TimeProvider.System);
        var runtime = new HaproxyRuntime(HaproxyEndpoint.Address("127.0.0.1", haproxy.Port), TimeSpan.FromSeconds(5), TimeProvider.System);

        Assert.True((await runtime.SetStateAsync("lbs", "lb-1", AdminState.Drain, CancellationToken.None)).Ok);
        var stats = (await runtime.ShowStatAsync("lbs", CancellationToken.None)).Value!;
        var states = (await runtime.ShowServersStateAsync("lbs", CancellationToken.None)).Value!;

        Assert.Equal([ServerStatus.Drain, ServerStatus.Down], stats.Select(s => s.Status));
        Assert.Equal("L4CON", stats[1].CheckStatus);
        Assert.Equal([AdminState.Drain, AdminState.Ready], states.Select(s => s.Admin));
        Assert.False(haproxy.TakesTraffic("lbs", "lb-1"));

        Assert.True((await runtime.SetStateAsync("lbs", "lb-1", AdminState.Maint, CancellationToken.None)).Ok);
        Assert.True((await runtime.WaitRemovableAsync("lbs", "lb-1", TimeSpan.FromSeconds(1), CancellationToken.None)).Value);
        down.Clear();
        Assert.True((await runtime.SetStateAsync("lbs", "lb-1", AdminState.Ready, CancellationToken.None)).Ok);
        Assert.All((await runtime.ShowStatAsync("lbs", CancellationToken.None)).Value!, s => Assert.True(s.FullyUp, s.StatusText));
    }

    [Fact]
    public async Task UnknownNames_AreRefusedInHaproxysWords_AndAnUnreachableInstanceIsAnError()
    {
        await using var haproxy = SimHaproxy.Start("lb-1", Backends, _ => true, () => false, TimeProvider.System);
        var runtime = new HaproxyRuntime(HaproxyEndpoint.Address("127.0.0.1", haproxy.Port), TimeSpan.FromSeconds(5), TimeProvider.System);

        Assert.Equal(RuntimeErrorKind.Unreachable, (await runtime.ShowStatAsync("lbs", CancellationToken.None)).Error!.Kind);
        Assert.Equal(RuntimeErrorKind.NotFound, RuntimeReplies.ErrorIn(haproxy.Answer("show stat web 4 -1"))!.Kind);
        Assert.Equal(RuntimeErrorKind.NotFound, RuntimeReplies.ErrorIn(haproxy.Answer("set server lbs/lb-9 state drain"))!.Kind);
        Assert.Equal(RuntimeErrorKind.UnknownCommand, RuntimeReplies.ErrorIn(haproxy.Answer("shutdown sessions server lbs/lb-1"))!.Kind);
    }

    [Fact]
    public async Task SeveralCommandsOnOneLine_AreAnsweredOneAfterAnother_AsHaproxyDoes()
    {
        await using var haproxy = SimHaproxy.Start("edge", Backends, _ => true, () => true, TimeProvider.System);
        var runtime = new HaproxyRuntime(HaproxyEndpoint.Address("127.0.0.1", haproxy.Port), TimeSpan.FromSeconds(5), TimeProvider.System);

        var answers = await runtime.SendEachAsync(
            ["set server lbs/lb-1 state drain", "set server lbs/lb-9 state drain", "set server lbs/lb-2 state maint"], CancellationToken.None);

        Assert.True(answers.Ok, answers.Error?.Message);
        Assert.True(RuntimeReplies.Empty(answers.Value![0]).Ok);
        Assert.Equal(RuntimeErrorKind.NotFound, RuntimeReplies.Empty(answers.Value[1]).Error!.Kind);
        Assert.True(RuntimeReplies.Empty(answers.Value[2]).Ok);
        var states = (await runtime.ShowServersStateAsync("lbs", CancellationToken.None)).Value!;
        Assert.Equal([AdminState.Drain, AdminState.Maint], states.Select(s => s.Admin));
    }
}
