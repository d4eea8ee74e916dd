using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cli;

/// <summary>`vigil silence` as the real executable against a real server.</summary>
public sealed class SilenceCliTests
{
    [Fact]
    public async Task SilenceAdd_ShowsThePreview_ThenLsShowApproveExpire()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var data = vigil.Options.DataDir;
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"SiteDown","impact":"customer","team":"web"}},{"labels":{"alertname":"CacheCold","team":"web"}}]""");

        var add = await Vigil("silence", "add", "team=web", "--duration", "2h", "--comment", "deploy", "--author", "alice", "--yes", "--data", data);
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Contains("would mute 2 firing alert(s)", add.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 customer-impact alert(s)", add.Stdout, StringComparison.Ordinal);
        var id = add.Stdout.Split('\n').Select(l => l.Trim()).First(l => Guid.TryParse(l, out _));

        var ls = await Vigil("silence", "ls", "--output", "json", "--data", data);
        Assert.Equal(id, Assert.Single(JsonNode.Parse(ls.Stdout)!.AsArray())!["id"]!.ToString());
        var show = await Vigil("silence", "show", id, "--data", data);
        Assert.Contains("Held back:", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("SiteDown", show.Stdout, StringComparison.Ordinal);

        var own = await Vigil("silence", "approve", id, "--data", data);
        Assert.Equal(1, own.ExitCode);
        Assert.Contains("cannot also approve it", own.Stderr, StringComparison.Ordinal);
        var other = await Vigil("silence", "approve", id, "--url", vigil.Url, "--token", await vigil.CreateTokenAsync("write"));
        Assert.True(other.ExitCode == 0, other.Stderr);
        Assert.Equal("suppressed", (await vigil.GetAlertsAsync("?filter=alertname%3DSiteDown"))[0]!["status"]!["state"]!.ToString());

        var expire = await Vigil("silence", "expire", id, "--data", data);
        Assert.True(expire.ExitCode == 0, expire.Stderr);
        var json = JsonNode.Parse((await Vigil("silence", "ls", "--expired", "--output", "json", "--data", data)).Stdout)!.AsArray();
        Assert.Equal("expired", Assert.Single(json)!["state"]!.ToString());
    }

    [Fact]
    public async Task SilenceAdd_Over24h_IsRefusedByTheServer()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var add = await Vigil("silence", "add", "alertname=Foo", "--duration", "72h", "--comment", "x", "--yes", "--data", vigil.Options.DataDir);
        Assert.Equal(1, add.ExitCode);
        Assert.Contains("more than silences.max_duration (24h)", add.Stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
