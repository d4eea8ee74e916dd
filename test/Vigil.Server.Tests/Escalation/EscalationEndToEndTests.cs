using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Escalation.EscalationClient;

namespace Vigil.Server.Tests.Escalation;

/// <summary>The whole path on the real server, a real SMTP server and a webhook collector, on a fake clock.</summary>
public sealed class EscalationEndToEndTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task FiringGroup_PagesLevel1_EscalatesToLevel2AfterTimeout_AckByLink_ResolvesWithItsAlerts(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, smtp.Port), clock);

        await vigil.PostAlertsAsync(Alert("CheckoutDown", Start, Start.AddDays(1)));
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 1 && smtp.Messages.Count == 1, vigil: vigil);
        var email = smtp.Messages[0];
        Assert.Contains("To: alice@example.com", email, StringComparison.Ordinal);
        Assert.Contains("CheckoutDown", email, StringComparison.Ordinal);
        Assert.Contains("text/html", email, StringComparison.Ordinal);
        var slack = hook.Messages.Single(m => m.Path == "/slack/alice").Body;
        Assert.Contains("/p/", slack["blocks"]![1]!["elements"]![0]!["url"]!.ToString(), StringComparison.Ordinal);
        var page = Assert.Single(await PagesAsync(vigil))!;
        Assert.Equal("triggered", page["state"]!.ToString());
        Assert.Equal(1, (int)page["level"]!);
        Assert.Equal("web", page["team"]!.ToString());
        Assert.Equal(0, Count(hook, "/webhook/bob"));

        // The server records a delivery just after the receiver has it. Jumping 5 minutes before that record would let
        // the message's lease (5 minutes) lapse on this clock, and a worker would send it again — at-least-once, as
        // documented, but a second email this test would count. Seen twice under load (postgres) before this wait.
        await Eventually.GetAsync(() => vigil.Http.GetStringAsync("api/v1/notifications"),
            n => JsonNode.Parse(n)!.AsArray() is { Count: 2 } all && all.All(x => x!["state"]!.ToString() == "delivered"));
        clock.Advance(TimeSpan.FromMinutes(5));
        await NudgeUntilAsync(clock, () => Count(hook, "/webhook/bob") == 1, vigil: vigil);
        var toBob = hook.Messages.Single(m => m.Path == "/webhook/bob").Body;
        Assert.Equal("escalated", toBob["event"]!.ToString());
        Assert.Equal(2, (int)toBob["page"]!["level"]!);
        Assert.Equal(1, Count(hook, "/slack/alice"));

        var ack = toBob["links"]!["acknowledge"]!.ToString();
        using (var acked = await FollowAsync(vigil, ack))
        {
            Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        }
        using (var again = await FollowAsync(vigil, ack))
        {
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        }
        var id = (long)page["id"]!;
        var shown = await PageAsync(vigil, id);
        Assert.Equal("acknowledged", shown["state"]!.ToString());
        Assert.StartsWith("link:", shown["acknowledgedBy"]!.ToString(), StringComparison.Ordinal);

        await vigil.PostAlertsAsync(Alert("CheckoutDown", Start, clock.GetUtcNow()));
        // If this fails, the receivers' counts say which one differed from what the server delivered.
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 2 && Count(hook, "/webhook/bob") == 2 && smtp.Messages.Count == 2, vigil: vigil,
            seen: () => $"slack/alice {Count(hook, "/slack/alice")}, webhook/bob {Count(hook, "/webhook/bob")}, emails {smtp.Messages.Count}; " +
                string.Join(" | ", hook.Messages.Select(m => $"{m.Path} {m.Body["event"]}")));
        Assert.Equal("resolved", (await PageAsync(vigil, id))["state"]!.ToString());
        Assert.Equal("resolved", hook.Messages.Last(m => m.Path == "/webhook/bob").Body["event"]!.ToString());
        var kinds = (await PageAsync(vigil, id))["events"]!.AsArray().Select(e => e!["kind"]!.ToString()).ToList();
        Assert.Equal(["triggered", "notified", "notified", "escalated", "notified", "acknowledged", "resolved"], kinds);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RestartMidEscalation_NeitherLosesNorRepeatsAStep(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, smtp.Port), clock);
        await vigil.PostAlertsAsync(Alert("DiskFull", Start, Start.AddDays(1)));
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 1 && smtp.Messages.Count == 1, vigil: vigil);

        await vigil.RestartAsync();
        await Task.Delay(200);
        // A step repeated would queue its notices again; a notice sent again (delivery is at least once: an attempt the
        // test's fast clock timed out after the receiver took it) is the same notice.
        Assert.Equal(["email", "slack"], await NoticesAsync(vigil));

        clock.Advance(TimeSpan.FromMinutes(5));
        await NudgeUntilAsync(clock, () => Count(hook, "/webhook/bob") == 1, vigil: vigil);
        await vigil.RestartAsync();
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(300);
        Assert.Equal(["email", "slack", "webhook"], await NoticesAsync(vigil));
        Assert.True(Count(hook, "/webhook/bob") >= 1 && Count(hook, "/slack/alice") >= 1 && smtp.Messages.Count >= 1);
        var page = Assert.Single(await PagesAsync(vigil))!;
        Assert.Equal(2, (int)page["level"]!);
        Assert.Equal(2, (long)page["step"]!);
    }

    /// <summary>The integrations of the notices queued so far (one per person and contact method a step paged), sorted.</summary>
    private static async Task<List<string>> NoticesAsync(VigilInstance vigil) =>
        [.. JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/notifications"))!.AsArray().Select(n => n!["integration"]!.ToString()).Order(StringComparer.Ordinal)];
}
