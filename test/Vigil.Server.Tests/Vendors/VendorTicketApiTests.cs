using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Incidents;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Vendors;

/// <summary>Vendor tickets end to end on both engines: sent through the outbox with a signed link, acknowledged by the vendor
/// without a token, a missed deadline paging the commander, and every step on the incident's timeline.</summary>
public sealed class VendorTicketApiTests
{
    private static readonly DateTimeOffset Night = new(2020, 5, 11, 9, 35, 0, TimeSpan.Zero);

    internal static string Config(WebhookCollector vendor, WebhookCollector phone) => $$"""
        route:
          receiver: none
        receivers:
          - name: none
        people:
          - name: alice
            contact_methods: [{type: webhook, url: "{{phone.Url}}alice"}]
        vendors:
          - name: dbhost
            webhook: "{{vendor.Url}}hooks/T0KEN-s3cret"
            response_within: 30m
            on_site_within: 2h
          - name: mailhost
            email: support@mailhost.example
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task VendorTicket_AcknowledgedLateByItsLink_PagesTheCommanderAtTheDeadline_AndEveryStepIsOnTheTimeline(string engine)
    {
        await using var vendor = await WebhookCollector.StartAsync();
        await using var phone = await WebhookCollector.StartAsync();
        var clock = new FakeTimeProvider(Night);
        await using var vigil = await VigilInstance.StartAsync(engine, Config(vendor, phone), clock);
        var incident = await IncidentClient.OpenAsync(vigil);

        var ticket = await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{incident}/vendor-tickets",
            """{"vendor":"dbhost","summary":"database volume will not mount"}""", HttpStatusCode.Created);
        var id = ticket["id"]!.GetValue<long>();
        Assert.Equal("opened", ticket["state"]!.ToString());
        Assert.Equal("2020-05-11T10:05:00Z", ticket["responseDue"]!.ToString());

        var sent = (await vendor.WaitForAsync(1))[0];
        Assert.Equal("/hooks/T0KEN-s3cret", sent.Path);
        Assert.Equal("vendor_ticket.opened", sent.Body["event"]!.ToString());
        var ackUrl = sent.Body["links"]!["acknowledge"]!.ToString();
        Assert.StartsWith($"{vigil.Url.TrimEnd('/')}/vendor/tickets/{id}/ack?sig=", ackUrl, StringComparison.Ordinal);

        using var anonymous = new HttpClient();
        var confirm = await anonymous.GetAsync(ackUrl);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("<form method=\"post\">", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var forged = await anonymous.PostAsync(ackUrl[..^3] + (ackUrl[^3..] == "AAA" ? "BBB" : "AAA"), null);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var otherTicket = await anonymous.PostAsync(ackUrl.Replace($"/tickets/{id}/", $"/tickets/{id + 1}/", StringComparison.Ordinal), null);
        Assert.Equal(HttpStatusCode.Forbidden, otherTicket.StatusCode);
        Assert.Equal("opened", (await Ticket(vigil, id))["state"]!.ToString());

        clock.Advance(TimeSpan.FromMinutes(40));
        // Opening the incident paged its commander already (alice is in people:). That page may arrive twice: when its
        // delivery's outcome is not stored yet as the virtual clock jumps 40 minutes, its 5-minute claim has expired and
        // it is delivered again (at least once). So wait for the deadline's page by its title, not by a count.
        var page = await phone.WaitForAsync(p => p.Body["page"]!["title"]!.ToString().StartsWith("Vendor dbhost", StringComparison.Ordinal),
            "the vendor deadline's page");
        Assert.Contains("Vendor dbhost missed its promise to acknowledge within 30m", page.Body["page"]!["title"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("alice", page.Body["person"]!.ToString());
        Assert.True((await Ticket(vigil, id))["responseMissed"]!.GetValue<bool>());

        var acked = await anonymous.PostAsync(ackUrl, null);
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        var shown = await Ticket(vigil, id);
        Assert.Equal(("acknowledged", "dbhost (link)", "2020-05-11T10:15:00Z"),
            (shown["state"]!.ToString(), shown["acknowledgedBy"]!.ToString(), shown["acknowledgedAt"]!.ToString()));

        clock.Advance(TimeSpan.FromMinutes(5));
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/vendor-tickets/{id}/engaged", "{}");
        var back = await IncidentClient.RefusedAsync(vigil.Http, HttpMethod.Post, $"api/v1/vendor-tickets/{id}/ack", "{}");
        Assert.Equal(HttpStatusCode.Conflict, back.Status);

        var timeline = (await IncidentClient.ShowAsync(vigil, incident))["timeline"]!.AsArray()
            .Where(e => e!["source"]!.ToString() == "vendor").Select(e => e!["text"]!.ToString()).ToList();
        Assert.Equal(
        [
            $"ticket #{id} opened with dbhost: database volume will not mount (promised: acknowledged within 30m, engaged within 2h)",
            $"dbhost missed its response deadline on ticket #{id}: not acknowledged within 30m",
            $"ticket #{id} with dbhost acknowledged (40m after opening, 10m late)",
            $"ticket #{id} with dbhost engaged (45m after opening, in time)",
        ], timeline);
        var listed = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/incidents/{incident}/vendor-tickets"))!.AsArray();
        Assert.Equal([id], listed.Select(t => t!["id"]!.GetValue<long>()));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OpeningATicket_WithAnUnknownVendorOrNoSummary_IsRefusedWith400_AndOpensNothing(string engine)
    {
        await using var vendor = await WebhookCollector.StartAsync();
        await using var phone = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Config(vendor, phone));
        var incident = await IncidentClient.OpenAsync(vigil);

        var unknown = await IncidentClient.RefusedAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{incident}/vendor-tickets", """{"vendor":"acme","summary":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("vendor: no vendor \\\"acme\\\" in vendors: (known: dbhost, mailhost)", unknown.Body, StringComparison.Ordinal);
        var empty = await IncidentClient.RefusedAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{incident}/vendor-tickets", """{"vendor":"dbhost"}""");
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("summary", empty.Body, StringComparison.Ordinal);
        var noIncident = await IncidentClient.RefusedAsync(vigil.Http, HttpMethod.Post, "api/v1/incidents/999/vendor-tickets", """{"vendor":"dbhost","summary":"x"}""");
        Assert.Equal(HttpStatusCode.NotFound, noIncident.Status);
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/incidents/{incident}/vendor-tickets"))!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RotatingVendorLinks_RefusesTheLinksSentBefore_WithA403_ChangingNothing(string engine)
    {
        await using var vendor = await WebhookCollector.StartAsync();
        await using var phone = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Config(vendor, phone));
        var incident = await IncidentClient.OpenAsync(vigil);
        var id = (await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{incident}/vendor-tickets",
            """{"vendor":"dbhost","summary":"s"}""", HttpStatusCode.Created))["id"]!.GetValue<long>();
        var ackUrl = (await vendor.WaitForAsync(1))[0].Body["links"]!["acknowledge"]!.ToString();

        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, "api/v1/secrets/rotate", """{"name":"vendor-links"}""");
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(ackUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsync(ackUrl, null)).StatusCode);
        Assert.Equal("opened", (await Ticket(vigil, id))["state"]!.ToString());
    }

    [Fact]
    public async Task AReadToken_SeesVendorsWithTheirWebhookUrlMasked_AndTheConfigTextMasksItToo()
    {
        await using var vendor = await WebhookCollector.StartAsync();
        await using var phone = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(vendor, phone));
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));

        var read = await reader.GetStringAsync("api/v1/vendors");
        Assert.DoesNotContain("T0KEN-s3cret", read, StringComparison.Ordinal);
        var vendors = JsonNode.Parse(read)!.AsArray();
        Assert.Equal($"{vendor.Url}<secret>", vendors[0]!["address"]!.ToString());
        Assert.Equal("support@mailhost.example", vendors[1]!["address"]!.ToString());
        Assert.Contains("T0KEN-s3cret", await vigil.Http.GetStringAsync("api/v1/vendors"), StringComparison.Ordinal);
        Assert.DoesNotContain("T0KEN-s3cret", await reader.GetStringAsync("api/v2/status"), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> Ticket(VigilInstance vigil, long id) => JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/vendor-tickets/{id}"))!;
}
