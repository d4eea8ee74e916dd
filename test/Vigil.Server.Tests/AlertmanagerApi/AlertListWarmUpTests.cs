using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Hosting;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.AlertmanagerApi;

/// <summary>
/// The alert list's warm-up after start-up runs the list's code over made-up alerts: none of them may ever be seen —
/// not in the list, not in a notification, not in the stored state after a restart.
/// </summary>
public sealed class AlertListWarmUpTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task WarmUpAfterStart_ListsAndSendsOnlyTheAlertsReceived(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url + "warm"));

        await vigil.Services.GetRequiredService<ServerLifecycle>().WarmUp;
        Assert.Empty(await vigil.GetAlertsAsync());

        (await vigil.PostAlertsAsync("""[{"labels": {"alertname": "DiskFull", "instance": "db-1:9100"}}]""")).EnsureSuccessStatusCode();
        var sent = Assert.Single(await hook.WaitForAsync(1));
        var alert = Assert.Single(sent.Body["alerts"]!.AsArray());
        Assert.Equal("DiskFull", alert!["labels"]!["alertname"]!.ToString());
        var listed = Assert.Single(await vigil.GetAlertsAsync());
        Assert.Equal("db-1:9100", listed!["labels"]!["instance"]!.ToString());
        await hook.AssertStaysAtAsync(1, TimeSpan.FromSeconds(1));
    }
}
