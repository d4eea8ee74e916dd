using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.EndToEnd;

public sealed class RestartTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AfterRestart_AlertsAreKept_AndAnAlreadyNotifiedGroupIsNotSentAgain(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Persist","host":"a"}},{"labels":{"alertname":"Persist","host":"b"}}]""");
        await hook.WaitForAsync(1);

        await vigil.RestartAsync();

        Assert.Equal(2, (await vigil.GetAlertsAsync()).Count);
        await hook.AssertStaysAtAsync(1, TimeSpan.FromSeconds(2.5));

        // A change to the group is still notified after the restart.
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Persist","host":"c"}}]""");
        var messages = await hook.WaitForAsync(2);
        Assert.Equal(3, messages[1].Body["alerts"]!.AsArray().Count);
    }
}
