using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cli;

/// <summary>The `vigil` client verbs, run as the real executable against a real server.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task AlertsAdd_ThenAlerts_FindTheServerAndTokenInTheDataFolder()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var data = vigil.Options.DataDir;

        var add = await Vigil("alerts", "add", "DiskFull", "host=db-1", "severity=critical", "--annotation", "summary=disk full", "--data", data);
        Assert.True(add.ExitCode == 0, add.Stderr);

        var list = await Vigil("alerts", "--output", "json", "--filter", "severity=\"critical\"", "--data", data);
        Assert.True(list.ExitCode == 0, list.Stderr);
        var alert = Assert.Single(JsonNode.Parse(list.Stdout)!.AsArray())!;
        Assert.Equal("DiskFull", alert["labels"]!["alertname"]!.ToString());
        Assert.Equal("disk full", alert["annotations"]!["summary"]!.ToString());

        var table = await Vigil("alerts", "--data", data);
        Assert.Contains("DiskFull", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 alert(s)", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_PrintsATokenThatWorks_WithItsScope()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var created = await Vigil("token", "create", "--scope", "read", "--name", "grafana", "--url", vigil.Url, "--token", vigil.AdminToken);
        Assert.True(created.ExitCode == 0, created.Stderr);
        var token = created.Stdout.Trim();
        Assert.StartsWith("vgl_", token, StringComparison.Ordinal);

        var read = await Vigil("alerts", "--url", vigil.Url, "--token", token);
        Assert.Equal(0, read.ExitCode);
        var write = await Vigil("alerts", "add", "Nope", "--url", vigil.Url, "--token", token);
        Assert.Equal(1, write.ExitCode);
        Assert.Contains("403", write.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServer_GivesAClearMessage()
    {
        var result = await Vigil("alerts", "--url", "http://127.0.0.1:1", "--token", "x");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot reach Vigil", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadLabelArgument_IsRejectedByTheCli()
    {
        var result = await Vigil("alerts", "add", "X", "nolabel", "--url", "http://127.0.0.1:1", "--token", "x");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("expected name=value", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_WithARegexOutsideRe2InARoute_ExitsWith2_NamingFileLineAndKey()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-cli-");
        var config = Path.Combine(dir.FullName, "vigil.yaml");
        await File.WriteAllTextAsync(config, "route:\n  receiver: a\n  routes:\n    - matchers: ['job=~\"(?!web)\"']\n      receiver: a\nreceivers:\n  - name: a\n");

        var result = await Vigil("server", "--config", config, "--data", Path.Combine(dir.FullName, "data"), "--listen", "127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{config}:4: route.routes[0].matchers[0]: invalid regular expression \"(?!web)\": error parsing regexp: " +
            "invalid or unsupported Perl syntax: `(?!`", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheVerbs()
    {
        var result = await Vigil("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "server", "alerts", "token", "user" })
        {
            Assert.Contains(verb, result.Stdout, StringComparison.Ordinal);
        }
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
