using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Escalation;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Oncall;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Escalation.EscalationClient;

namespace Vigil.Server.Tests.Security;

/// <summary><c>vigil secrets rotate</c>: links and feed URLs signed before stop working at once on the running server.</summary>
public sealed class SecretRotationTests
{
    private static string PagesBob(string hookUrl) => $$"""
        route:
          receiver: oncall
          group_by: [alertname]
          group_wait: 1s
        receivers:
          - name: oncall
            vigil_configs: [{policy: ops}]
        escalation_policies:
          - name: ops
            levels: [{targets: [{person: bob}], ack_timeout: 30m}]
        people:
          - name: bob
            contact_methods: [{type: webhook, url: "{{hookUrl}}bob"}]
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RotatingPageLinks_RefusesLinksSentBefore_AndNewLinksWork(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, PagesBob(hook.Url), clock);
        await vigil.PostAlertsAsync(Alert("Before", Start, Start.AddDays(1)));
        await NudgeUntilAsync(clock, () => Count(hook, "/bob") == 1);
        var old = hook.Messages.Single(m => m.Path == "/bob").Body["links"]!;
        using (var shown = await ConfirmAsync(vigil, old["acknowledge"]!.ToString()))
        {
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }

        var rotate = await ExternalTool.RunAsync("dotnet", VigilProcess.VigilDll, "secrets", "rotate", "--name", "page-links", "--url", vigil.Url, "--token", vigil.AdminToken);
        Assert.True(rotate.ExitCode == 0, rotate.Stderr);
        Assert.StartsWith("rotated page-links", rotate.Stdout, StringComparison.Ordinal);

        foreach (var link in new[] { old["acknowledge"]!.ToString(), old["resolve"]!.ToString() })
        {
            using var confirm = await ConfirmAsync(vigil, link);
            Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
            using var act = await FollowAsync(vigil, link);
            Assert.Equal(HttpStatusCode.NotFound, act.StatusCode);
            Assert.Contains("rotated", await act.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal("triggered", Assert.Single(await PagesAsync(vigil))!["state"]!.ToString());

        await vigil.PostAlertsAsync(Alert("After", Start, Start.AddDays(1)));
        await NudgeUntilAsync(clock, () => Count(hook, "/bob") == 2);
        var fresh = hook.Messages.Where(m => m.Path == "/bob").Single(m => m.Body["page"]!["title"]!.ToString().StartsWith("After", StringComparison.Ordinal)).Body;
        using (var acked = await FollowAsync(vigil, fresh["links"]!["acknowledge"]!.ToString()))
        {
            Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        }
        var states = (await PagesAsync(vigil)).ToDictionary(p => p!["title"]!.ToString().Split(':')[0], p => p!["state"]!.ToString());
        Assert.Equal("acknowledged", states["After"]);
        Assert.Equal("triggered", states["Before"]);

        var audit = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=secret"))!.AsArray();
        var entry = Assert.Single(audit)!;
        Assert.Equal("rotate", entry["action"]!.ToString());
        Assert.Equal("page-links", entry["objectId"]!.ToString());
        Assert.Equal("admin", entry["actor"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AnEscalationStepDraftedBeforeARotation_SendsLinksSignedWithTheNewSecret(string engine)
    {
        // The engine signs a step's links before its transaction; a rotation in between must not send links that no longer work.
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, PagesBob(hook.Url).Replace(
            "levels: [{targets: [{person: bob}], ack_timeout: 30m}]", "levels: [{targets: [{person: bob}], ack_timeout: 30m}, {targets: [{person: alice}]}]",
            StringComparison.Ordinal) + $"\n  - name: alice\n    contact_methods: [{{type: webhook, url: \"{hook.Url}alice\"}}]", clock);
        await vigil.PostAlertsAsync(Alert("Unanswered", Start, Start.AddDays(1)));
        await NudgeUntilAsync(clock, () => Count(hook, "/bob") == 1);
        var pages = vigil.Services.GetRequiredService<PageService>();
        var store = vigil.Services.GetRequiredService<PageStore>();
        var ct = TestContext.Current.CancellationToken;
        var pastTimeout = clock.GetUtcNow().AddMinutes(31);

        var drafts = await pages.DraftStepsAsync(await store.DueAsync(pastTimeout, 10, ct), pastTimeout, ct);
        using (var rotated = await RotateAsync(vigil.Http, """{"name":"page-links"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        }
        var stepped = await store.Database.WriteAsync((conn, tx) => pages.StepManyAsync(conn, tx, drafts, ct), ct);

        var pending = await vigil.Services.GetRequiredService<OutboxStore>().ListAsync(OutboxState.Pending, "oncall", cancellationToken: ct);
        var page = $"page:{Assert.Single(stepped).Page.Id}:";
        var queued = pending.SingleOrDefault(m => m.DedupKey!.StartsWith(page, StringComparison.Ordinal) && m.DedupKey.EndsWith(":alice:webhook", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no page to alice is pending; pending: {string.Join(", ", pending.Select(m => m.DedupKey))}");
        var links = JsonNode.Parse(queued.Payload)!["links"]!;
        using var acked = await FollowAsync(vigil, links["acknowledge"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        Assert.Equal("acknowledged", Assert.Single(await PagesAsync(vigil))!["state"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RotatingIcal_ChangesFeedUrls_AndRefusesTheOldOnes(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules());
        var before = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/la/ical"))!["url"]!.ToString();
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(before)).StatusCode);

        var rotated = await RotateAsync(vigil.Http, """{"name":"all"}""");
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal("""{"rotated":["page-links","ical","vendor-links"]}""", await rotated.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(before)).StatusCode);
        var after = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/la/ical"))!["url"]!.ToString();
        Assert.NotEqual(before, after);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(after)).StatusCode);
        var audit = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=secret"))!.AsArray();
        Assert.Equal(["ical", "page-links", "vendor-links"], audit.Select(e => e!["objectId"]!.ToString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"name":"passwords"}""", "name: must be one of page-links, ical, vendor-links, all (got 'passwords')")]
    [InlineData("""{}""", "name: must be one of page-links, ical, vendor-links, all (got '')")]
    public async Task RotateWithAnUnknownName_Gets400_AndRotatesNothing(string body, string detail)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var response = await RotateAsync(vigil.Http, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.ToString());
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=secret"))!.AsArray());
    }

    [Theory]
    [InlineData("read")]
    [InlineData("write")]
    public async Task Rotate_NeedsAnAdminToken(string scope)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        using var client = vigil.CreateClient(await vigil.CreateTokenAsync(scope));
        Assert.Equal(HttpStatusCode.Forbidden, (await RotateAsync(client, """{"name":"all"}""")).StatusCode);
    }

    private static Task<HttpResponseMessage> RotateAsync(HttpClient client, string body) =>
        client.PostAsync("api/v1/secrets/rotate", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<HttpResponseMessage> ConfirmAsync(VigilInstance vigil, string link)
    {
        using var anonymous = vigil.CreateClient(null);
        return await anonymous.GetAsync(new Uri(link).PathAndQuery.TrimStart('/'));
    }
}
