using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Oncall;

/// <summary><c>oncall.gap_warning</c>: a schedule with a hole in the next 7 days warns the receiver, once, in Alertmanager's webhook shape.</summary>
public sealed class GapWarningTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task GapInTheNextWeek_WarnsTheReceiverOnce(string engine)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 10, 12, 0, 0, TimeSpan.Zero));
        await using var ops = await WebhookCollector.StartAsync();
        var config = OnCallConfigs.Schedules($$"""
            oncall:
              gap_warning: {receiver: admin, horizon: 7d, interval: 1h}
            """).Replace("receivers:\n  - name: ops\n", $"receivers:\n  - name: ops\n  - name: admin\n    webhook_configs:\n      - url: {ops.Url}admin\n", StringComparison.Ordinal);
        await using var vigil = await VigilInstance.StartAsync(engine, config, clock);

        var message = Assert.Single(await ops.WaitForAsync(1));
        Assert.Equal("/admin", message.Path);
        Assert.Equal("4", message.Body["version"]!.ToString());
        Assert.Equal("firing", message.Body["status"]!.ToString());
        var alert = Assert.Single(message.Body["alerts"]!.AsArray())!;
        Assert.Equal("OnCallCoverageGap", alert["labels"]!["alertname"]!.ToString());
        Assert.Equal("berlin", alert["labels"]!["schedule"]!.ToString());
        Assert.Contains("nobody 02:00–06:00 Thu 2027-03-11 (Europe/Berlin)", alert["annotations"]!["summary"]!.ToString(), StringComparison.Ordinal);

        // The next check finds the same gaps (the earliest now already behind the start of the range): nothing new is sent.
        var service = (Vigil.Server.Oncall.CoverageGapService)vigil.Services.GetService(typeof(Vigil.Server.Oncall.CoverageGapService))!;
        Assert.Equal(0, await service.CheckAsync(CancellationToken.None));
        Assert.Single(ops.Messages);
    }
}
