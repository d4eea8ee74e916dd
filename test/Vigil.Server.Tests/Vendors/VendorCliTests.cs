using System.Text.Json.Nodes;
using Vigil.Server.Tests.Incidents;
using Vigil.Server.Tests.StatusPage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Vendors;

/// <summary><c>vigil vendor …</c> and <c>vigil incident update --public</c>, run as the real executable against a real server.</summary>
public sealed class VendorCliTests
{
    [Fact]
    public async Task VendorTicket_OpenedAndMovedByTheCli_AndAPublicUpdateReachesTheStatusPage()
    {
        await using var vendor = await WebhookCollector.StartAsync();
        await using var phone = await WebhookCollector.StartAsync();
        var statusPage = StatusPageApiTests.Config(ExternalTool.FreePort());
        var config = VendorTicketApiTests.Config(vendor, phone) + "\n" + statusPage[statusPage.IndexOf("probes:", StringComparison.Ordinal)..];
        await using var vigil = await VigilInstance.StartAsync("sqlite", config);
        var data = vigil.Options.DataDir;
        var incident = await IncidentClient.OpenAsync(vigil);

        var ls = await Vigil("vendor", "ls", "--data", data);
        Assert.True(ls.ExitCode == 0, ls.Stderr);
        Assert.Contains("dbhost", ls.Stdout, StringComparison.Ordinal);
        var ticket = await Vigil("vendor", "ticket", $"{incident}", "--vendor", "dbhost", "--summary", "volume will not mount", "--output", "json", "--data", data);
        Assert.True(ticket.ExitCode == 0, ticket.Stderr);
        var id = JsonNode.Parse(ticket.Stdout)!["id"]!.ToString();
        var ack = await Vigil("vendor", "ack", id, "--data", data);
        Assert.True(ack.ExitCode == 0, ack.Stderr);
        Assert.Contains($"ticket {id} (dbhost, incident {incident}): acknowledged", ack.Stdout, StringComparison.Ordinal);
        var again = await Vigil("vendor", "ack", id, "--data", data);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already acknowledged", again.Stderr, StringComparison.Ordinal);
        var tickets = await Vigil("vendor", "tickets", $"{incident}", "--data", data);
        Assert.Contains("acknowledged — volume will not mount", tickets.Stdout, StringComparison.Ordinal);

        var update = await Vigil("incident", "update", $"{incident}", "--public", "Checkout is failing; we are on it.", "--component", "Website", "--data", data);
        Assert.True(update.ExitCode == 0, update.Stderr);
        Assert.Contains("public update posted (investigating)", update.Stdout, StringComparison.Ordinal);
        using var anonymous = new HttpClient();
        var summary = await Eventually.GetAsync(async () => JsonNode.Parse(await anonymous.GetStringAsync(vigil.Url.TrimEnd('/') + "/status/summary.json"))!,
            s => s["incidents"]!.AsArray().Count == 1);
        Assert.Equal("Checkout is failing; we are on it.", summary["incidents"]![0]!["incident_updates"]![0]!["body"]!.ToString());
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
