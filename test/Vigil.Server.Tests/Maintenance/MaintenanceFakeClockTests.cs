using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Maintenance.MaintenanceClient;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>The whole server on a fake clock: the warning and the end happen when the clock says so, not before.</summary>
public sealed class MaintenanceFakeClockTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Warning_GoesOutAtEndMinusWarnBeforeEnd_AndTheReRaiseAtTheEnd(string engine)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 22, 30, 0, TimeSpan.Zero));
        await using var hook = await WebhookCollector.StartAsync();
        await using var ops = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, ops.Url), clock);
        var id = await CreateAsync(vigil, LbWindow("4h"));
        var (startsAt, endsAt) = (clock.GetUtcNow().ToString("O"), clock.GetUtcNow().AddDays(1).ToString("O"));
        await vigil.PostAlertsAsync($$"""[{"labels":{"alertname":"HostDown","host":"lb-1"},"startsAt":"{{startsAt}}","endsAt":"{{endsAt}}"}]""");
        Assert.Equal(["started"], await EventKindsAsync(vigil, id, 1));

        clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(44));
        Assert.Equal("suppressed", (await vigil.GetAlertsAsync())[0]!["status"]!["state"]!.ToString());
        Assert.Empty(ops.Messages);
        Assert.Empty(hook.Messages);

        clock.Advance(TimeSpan.FromMinutes(1)); // 15 minutes before the end
        var warning = Assert.Single(AlertsIn(await NudgeUntilAsync(clock, ops)));
        Assert.Equal("MaintenanceWindowEnding", warning["labels"]!["alertname"]!.ToString());
        Assert.Equal("2026-05-11T02:30:00Z", warning["annotations"]!["ends_at"]!.ToString());

        clock.Advance(TimeSpan.FromMinutes(15));
        static bool Critical(JsonNode a) => a["labels"]!["severity"]?.ToString() == "critical";
        var critical = AlertsIn(await NudgeUntilAsync(clock, hook, alerts => alerts.Any(Critical))).Single(Critical);
        Assert.Equal($"{id} (patching lb-1) ended at 2026-05-11T02:30:00Z", critical["annotations"]!["vigil_window_outlived"]!.ToString());
        Assert.Equal(["started", "warning", "ended", "overrun"], await EventKindsAsync(vigil, id, 4));
    }

    /// <summary>
    /// A timer the server sets just after the test advanced the clock waits for the next advance: nudge the clock a
    /// second at a time until the message arrives (what it says is tied to the window's instants, not to now), or until
    /// the messages so far include what <paramref name="arrived"/> looks for. On PostgreSQL the clock's jump lets the
    /// node's leases lapse; while it takes them again, an alert the window no longer mutes may go out in a notification
    /// of its own before the one with its re-raised copy.
    /// </summary>
    private static async Task<IReadOnlyList<WebhookCollector.Received>> NudgeUntilAsync(FakeTimeProvider clock, WebhookCollector collector,
        Func<IEnumerable<JsonNode>, bool>? arrived = null)
    {
        bool Done() => arrived is null ? collector.Messages.Count > 0 : arrived(AlertsIn(collector.Messages));
        await ClockNudges.UntilAsync(clock, Done, TimeSpan.FromSeconds(1));
        return await collector.WaitForAsync(1);
    }
}
