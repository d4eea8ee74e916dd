using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Maintenance.MaintenanceClient;

namespace Vigil.Server.Tests.Maintenance;

public sealed class MaintenanceRestartTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Window_SurvivesARestart_AndKeepsMuting(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, hook.Url));
        var id = await CreateAsync(vigil, LbWindow("1h"));
        await vigil.RestartAsync();

        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"HostDown","host":"lb-1"}},{"labels":{"alertname":"HostDown","host":"db-1"}}]""");
        var delivered = await hook.WaitForAsync(1);
        Assert.Equal(["db-1"], AlertsIn(delivered).Select(a => a["labels"]!["host"]!.ToString()));
        var muted = Assert.Single(await GetArrayAsync(vigil, $"api/v1/maintenance/{id}/alerts"))!;
        Assert.Equal("lb-1", muted["labels"]!["host"]!.ToString());
        Assert.Equal("active", (await SendAsync(vigil, HttpMethod.Get, $"/{id}")).Body["state"]!.ToString());
    }
}
