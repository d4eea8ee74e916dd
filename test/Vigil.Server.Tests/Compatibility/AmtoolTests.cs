using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Compatibility;

/// <summary>The real amtool (Alertmanager 0.25's, from Debian) against Vigil, with a bearer token.</summary>
public sealed class AmtoolTests
{
    private const string Amtool = "/usr/bin/amtool";

    [Fact]
    public async Task AmtoolAlertAddAndQuery_WorkAgainstVigil()
    {
        ExternalTool.Require(Amtool);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var http = await WriteHttpConfigAsync(vigil);

        var add = await ExternalTool.RunAsync(Amtool, "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http,
            "alert", "add", "AmtoolAlert", "severity=warning", "--annotation=summary=from amtool");
        Assert.True(add.ExitCode == 0, add.Stderr);

        var query = await ExternalTool.RunAsync(Amtool, "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http, "alert", "query", "-o", "json");
        Assert.True(query.ExitCode == 0, query.Stderr);
        var alert = Assert.Single(JsonNode.Parse(query.Stdout)!.AsArray())!;
        Assert.Equal("AmtoolAlert", alert["labels"]!["alertname"]!.ToString());
        Assert.Equal("from amtool", alert["annotations"]!["summary"]!.ToString());

        var simple = await ExternalTool.RunAsync(Amtool, "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http, "alert", "query", "severity=warning");
        Assert.Contains("AmtoolAlert", simple.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmtoolConfigShow_PrintsTheLoadedConfig()
    {
        ExternalTool.Require(Amtool);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var http = await WriteHttpConfigAsync(vigil);
        var show = await ExternalTool.RunAsync(Amtool, "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http, "config", "show");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("receiver: none", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmtoolWithoutToken_IsRefused()
    {
        ExternalTool.Require(Amtool);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var query = await ExternalTool.RunAsync(Amtool, "--alertmanager.url=" + vigil.Url, "alert", "query");
        Assert.NotEqual(0, query.ExitCode);
    }

    [Fact]
    public async Task AnAlertmanagerConfigThatAmtoolAccepts_LoadsUnchangedInVigil()
    {
        ExternalTool.Require(Amtool);
        var fixture = Path.Combine(AppContext.BaseDirectory, "Config", "Fixtures", "alertmanager.yml");
        var check = await ExternalTool.RunAsync(Amtool, "check-config", fixture);
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        await using var vigil = await VigilInstance.StartAsync("sqlite", await File.ReadAllTextAsync(fixture));
        Assert.Equal(200, (int)(await vigil.Http.GetAsync("api/v2/status")).StatusCode);
    }

    internal static async Task<string> WriteHttpConfigAsync(VigilInstance vigil)
    {
        var path = Path.Combine(vigil.Options.WorkingDirectory, "amtool-http.yml");
        await File.WriteAllTextAsync(path, $"authorization:\n  type: Bearer\n  credentials: {vigil.AdminToken}\n");
        return path;
    }
}
