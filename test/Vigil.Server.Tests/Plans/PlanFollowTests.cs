using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary><c>vigil plan status RUN --follow</c> against a real run: drawn until it stops, and its exit code says how it stopped.</summary>
public sealed class PlanFollowTests
{
    [Fact]
    public async Task FollowingARollingReboot_DrawsItUntilItSucceeds_ThenPrintsEveryHostDone_AndExitsZero()
    {
        await using var rig = await PlanRig.StartAsync("sqlite");
        var id = await rig.StartAsync(PlanRig.RollingReboot());

        var (exit, stdout, stderr) = await FollowAsync(rig, id);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal("succeeded", (await rig.RunAsync(id))["state"]!.ToString());
        Assert.Contains("succeeded", stdout, StringComparison.Ordinal);
        foreach (var host in rig.Hosts)
        {
            Assert.Contains(host, stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task FollowingARebootThatLosesData_DrawsItUntilItHalts_ThenExitsOneWithTheHaltsReason(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1, loseData: ["lb-1"]);
        var id = await rig.StartAsync(PlanRig.RollingReboot());

        var (exit, stdout, stderr) = await FollowAsync(rig, id);

        Assert.True(exit == 1, stdout + stderr);
        Assert.Equal("halted", (await rig.RunAsync(id))["state"]!.ToString());
        Assert.Contains($"run {id} is halted", stderr, StringComparison.Ordinal);
        Assert.Contains("/data", stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> FollowAsync(PlanRig rig, string id) =>
        ExternalTool.RunAsync(TimeSpan.FromMinutes(3), "dotnet", VigilProcess.VigilDll, "plan", "status", id, "--follow",
            "--url", rig.Server.Url, "--token", rig.Server.Http.DefaultRequestHeaders.Authorization!.Parameter!);
}
