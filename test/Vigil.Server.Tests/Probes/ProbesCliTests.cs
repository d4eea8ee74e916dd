using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Probes;

/// <summary><c>vigil probes</c> and <c>vigil heartbeat add|ls|rm</c>, run as the real executable against a real server.</summary>
public sealed class ProbesCliTests
{
    [Fact]
    public async Task Probes_ListsTheConfiguredProbes()
    {
        var probes = "probes:\n  - name: db\n    tcp: {target: \"127.0.0.1:1\"}\n    interval: 1m\n";
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + "\n" + probes);
        var data = vigil.Options.DataDir;
        var ls = await Vigil("probes", "--data", data);
        Assert.True(ls.ExitCode == 0, ls.Stderr);
        Assert.Contains("127.0.0.1:1", ls.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 probe(s)", ls.Stdout, StringComparison.Ordinal);
        var one = await Vigil("probes", "db", "--data", data);
        Assert.Equal("tcp", JsonNode.Parse(one.Stdout)!["kind"]!.ToString());
        var missing = await Vigil("probes", "nope", "--data", data);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("404", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_Add_Ls_Rm()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var data = vigil.Options.DataDir;
        var add = await Vigil("heartbeat", "add", "backup", "--cron", "0 2 * * *", "--time-zone", "Europe/Berlin", "--grace", "30m", "-l", "team=infra", "--data", data);
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Contains($"ping {vigil.Url.TrimEnd('/')}/hb/", add.Stdout, StringComparison.Ordinal);

        var ls = await Vigil("heartbeat", "ls", "--output", "json", "--data", data);
        var hb = Assert.Single(JsonNode.Parse(ls.Stdout)!.AsArray())!;
        Assert.Equal(("backup", "0 2 * * *", "Europe/Berlin", "30m"), (hb["name"]!.ToString(), hb["cron"]!.ToString(), hb["timeZone"]!.ToString(), hb["grace"]!.ToString()));
        var table = await Vigil("heartbeat", "ls", "--data", data);
        Assert.Contains("1 heartbeat(s)", table.Stdout, StringComparison.Ordinal);

        var bad = await Vigil("heartbeat", "add", "x", "--data", data);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("400 Bad Request: period:", bad.Stderr, StringComparison.Ordinal);

        var rm = await Vigil("heartbeat", "rm", "backup", "--data", data);
        Assert.True(rm.ExitCode == 0, rm.Stderr);
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/heartbeats"))!.AsArray());
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
