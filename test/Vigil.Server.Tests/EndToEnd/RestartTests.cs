using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.EndToEnd;

public sealed class RestartTests
{
    [Theory]
    [MemberData(nameof(Engines.EndToEnd), MemberType = typeof(Engines))]
    public async Task AfterRestart_AlertsAreKept_AndAnAlreadyNotifiedGroupIsNotSentAgain(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        // A cluster gets alerts through a load balancer and is restarted one node at a time.
        await using var vigil = await VigilDeployment.StartAsync(engine, Configs.Webhook(hook.Url), ClusterIngest.LoadBalancer);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Persist","host":"a"}},{"labels":{"alertname":"Persist","host":"b"}}]""");
        // With group_wait 0s the group may flush before the second alert of the request joins it (as Alertmanager's
        // can); then its next flush, a group_interval later, carries both. Wait until a message shows both.
        var both = await Eventually.GetAsync(() => Task.FromResult(hook.Messages), m => m.Any(x => x.Body["alerts"]!.AsArray().Count == 2));
        Assert.Contains(both, m => m.Body["alerts"]!.AsArray().Count == 2);
        var sent = hook.Messages.Count;

        await vigil.RestartAsync();

        Assert.Equal(2, (await vigil.GetAlertsAsync()).Count);
        await hook.AssertStaysAtAsync(sent, TimeSpan.FromSeconds(2.5));

        // A change to the group is still notified after the restart.
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Persist","host":"c"}}]""");
        var messages = await hook.WaitForAsync(sent + 1);
        Assert.Equal(3, messages[sent].Body["alerts"]!.AsArray().Count);
    }
}
