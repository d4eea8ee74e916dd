using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Escalation.EscalationClient;

namespace Vigil.Server.Tests.Escalation;

/// <summary><c>vigil pages</c>, <c>vigil ack ID</c>, <c>vigil resolve ID</c>, as the real executable against a real server.</summary>
public sealed class PagesCliTests
{
    [Fact]
    public async Task Pages_Ack_Resolve_WalkAPageThroughItsStates()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", ConfigYaml(hook.Url, smtp.Port));
        var now = TimeProvider.System.GetUtcNow();
        await vigil.PostAlertsAsync(Alert("ApiDown", now, now.AddHours(1)));
        var pages = await Eventually.GetAsync(() => PagesAsync(vigil), p => p.Count == 1);
        var id = pages.Single()!["id"]!.ToString();
        var data = vigil.Options.DataDir;

        var list = await Vigil("pages", "-o", "json", "--data", data);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Equal("triggered", Assert.Single(JsonNode.Parse(list.Stdout)!.AsArray())!["state"]!.ToString());

        var ack = await Vigil("ack", id, "--data", data);
        Assert.True(ack.ExitCode == 0, ack.Stderr);
        Assert.Contains($"page {id} is acknowledged", ack.Stdout, StringComparison.Ordinal);
        var ackAgain = await Vigil("ack", id, "--data", data);
        Assert.Equal(1, ackAgain.ExitCode);
        Assert.Contains("409", ackAgain.Stderr, StringComparison.Ordinal);

        var resolve = await Vigil("resolve", id, "--data", data);
        Assert.True(resolve.ExitCode == 0, resolve.Stderr);
        var table = await Vigil("pages", "--state", "resolved", "--data", data);
        Assert.Contains("ApiDown", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("admin", table.Stdout, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
