using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary><c>vigil incident ls|show|impact</c> on an incident a rule opened, run as the real executable against a real server.</summary>
public sealed class IncidentAutoCliTests
{
    [Fact]
    public async Task AutoOpenedIncident_IsListedAndShownLikeAnyOther_AndImpactPrintsItsCustomerMinutes()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + """

            incidents:
              auto_open:
                - name: site
                  matchers: ['impact="customer"']
                  severity: SEV1
            """);
        var data = vigil.Options.DataDir;
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-10);
        await vigil.PostAlertsAsync($$"""[{"labels":{"alertname":"SiteDown","impact":"customer"},"startsAt":"{{start:O}}"}]""");
        var incident = await Eventually.GetAsync(async () => JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/incidents"))!.AsArray().FirstOrDefault(),
            i => i is not null);
        var id = incident!["id"]!.ToString();

        var list = await Vigil("incident", "ls", "--open", "--data", data);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("site: SiteDown", list.Stdout, StringComparison.Ordinal);
        var show = await Vigil("incident", "show", id, "--data", data);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("by auto_open:site", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("SiteDown (customer)", show.Stdout, StringComparison.Ordinal);

        var impact = await Vigil("incident", "impact", id, "--data", data);
        Assert.True(impact.ExitCode == 0, impact.Stderr);
        Assert.Contains("peak 100.0 %", impact.Stdout, StringComparison.Ordinal);
        Assert.Contains("customer-minutes over 1 customer-facing check(s)", impact.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"UTC\s+100\.0 %\s+\(1\d min\)", impact.Stdout);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
