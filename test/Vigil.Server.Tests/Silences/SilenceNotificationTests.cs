using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Silences;

/// <summary>Notifications respect silences as Alertmanager's do: muted alerts are not sent; when the silence ends, they are.</summary>
public sealed class SilenceNotificationTests
{
    private const string Foo = SilencesApiTests.Foo;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task SilenceEnding_WhileAlertFires_IsNotifiedAtTheNextFlush(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url));
        // Long enough that a slow first request on a loaded machine still creates it before it ends.
        var id = await SilencesApiTests.CreateAsync(vigil.Http, SilencesApiTests.Body(Foo, TimeSpan.Zero, TimeSpan.FromSeconds(8)));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Foo"}},{"labels":{"alertname":"Bar"}}]""");

        var first = await hook.WaitForAsync(1);
        Assert.Equal("Bar", first[0].Body["groupLabels"]!["alertname"]!.ToString());
        Assert.Equal("suppressed", SilenceApprovalTests.State(await vigil.GetAlertsAsync(), "Foo"));

        // The silence ends by itself (endsAt passes); Foo still fires and is notified.
        var messages = await hook.WaitForAsync(2, TimeSpan.FromSeconds(30));
        Assert.Equal("Foo", messages[1].Body["groupLabels"]!["alertname"]!.ToString());
        Assert.Equal("active", SilenceApprovalTests.State(await vigil.GetAlertsAsync(), "Foo"));
        Assert.Equal("expired", System.Text.Json.Nodes.JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v2/silence/{id}"))!["status"]!["state"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ExpiredSilence_LetsTheAlertThrough(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url));
        var id = await SilencesApiTests.CreateAsync(vigil.Http, SilencesApiTests.Body(Foo, TimeSpan.Zero, TimeSpan.FromHours(1)));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Foo"}}]""");
        await hook.AssertStaysAtAsync(0, TimeSpan.FromSeconds(2));

        Assert.True((await vigil.Http.DeleteAsync($"api/v2/silence/{id}")).IsSuccessStatusCode);
        var message = (await hook.WaitForAsync(1))[0].Body;
        Assert.Equal("Foo", message["groupLabels"]!["alertname"]!.ToString());
        Assert.Equal("firing", message["status"]!.ToString());
    }
}
