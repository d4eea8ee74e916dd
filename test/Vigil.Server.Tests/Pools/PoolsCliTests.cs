using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Pools;

/// <summary><c>vigil pools [NAME]</c>, run as the real executable against a real server and a real HAProxy.</summary>
public sealed class PoolsCliTests
{
    [Fact]
    public async Task Pools_ShowsEachMembersStateAndWhyItIsNotHealthy()
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 2);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 1, ["web-1", "web-2"]));
        await PoolAgents.ReportAsync(vigil, ["web-1"]);
        var data = vigil.Options.DataDir;

        var table = await Vigil("pools", "--data", data);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("web (backend web): 1 of 2 healthy (min_healthy 1)", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("UP (L7OK)", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("no report", table.Stdout, StringComparison.Ordinal);

        var json = await Vigil("pools", "web", "--output", "json", "--data", data);
        Assert.True(json.ExitCode == 0, json.Stderr);
        var pool = JsonNode.Parse(json.Stdout)!;
        Assert.Equal(["s1", "s2"], pool["members"]!.AsArray().Select(m => m!["server"]!.ToString()));
        Assert.Equal([true, false], pool["members"]!.AsArray().Select(m => m!["healthy"]!.GetValue<bool>()));

        var missing = await Vigil("pools", "nope", "--data", data);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("404", missing.Stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
