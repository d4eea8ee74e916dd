using System.Text.Json.Nodes;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Actions;

/// <summary><c>vigil hosts action</c> and <c>vigil hosts actions</c>, run as the real executable against a real server and agent.</summary>
public sealed class HostActionsCliTests
{
    [Fact]
    public async Task HostsAction_WithWait_ExitsZeroOnSuccess_AndOneOnARefusal_AndActionsListsBoth()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        using var root = new AgentRoot();
        root.Boot("boot-a", dataMounted: true);
        await using var agent = await ActionAgent.StartAsync(vigil, "web-1", root, "  mount-all: [/bin/echo, mounted]");
        var data = vigil.Options.DataDir;

        var ok = await Vigil("hosts", "action", "web-1", "mount-all", "--reason", "data volume missing", "--wait", "--data", data);
        Assert.True(ok.ExitCode == 0, ok.Stderr + agent.Output);
        Assert.Contains("mount-all on web-1: succeeded, exit code 0", ok.Stdout, StringComparison.Ordinal);

        var refused = await Vigil("hosts", "action", "web-1", "wipe-disk", "--reason", "oops", "--wait", "--data", data);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refused", refused.Stderr, StringComparison.Ordinal);

        var list = await Vigil("hosts", "actions", "web-1", "--output", "json", "--data", data);
        Assert.True(list.ExitCode == 0, list.Stderr);
        var actions = JsonNode.Parse(list.Stdout)!.AsArray();
        Assert.Equal(["refused", "succeeded"], actions.Select(a => a!["state"]!.ToString()));

        var one = await Vigil("hosts", "actions", "web-1", actions[1]!["id"]!.ToString(), "--data", data);
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.Contains("delivered", one.Stdout, StringComparison.Ordinal);

        var key = await Vigil("agent", "key", "--data", data);
        Assert.Equal(agent.ServerKey, key.Stdout.Trim());
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
