using Vigil.Drill.Scenarios;
using Vigil.Server.Config;

namespace Vigil.Drill.Tests.Run;

/// <summary>A scenario file is validated as the server validates its configuration: errors name the file, the line and the key.</summary>
public sealed class ScenarioReaderTests
{
    private const string Minimal = """
        name: small
        zone: Europe/Berlin
        start: 2026-03-01 23:00
        duration: 2h
        fleet:
          hosts:
            - {name: a-1, mounts: [/data]}
            - {name: a-2}
          pools:
            - {name: front, members: [a-1, a-2], min_healthy: 1}
          probes:
            - {name: site, pool: front}
        vigil:
          route: {receiver: team}
          receivers:
            - name: team
          people:
            - {name: kim, contact_methods: [{type: webhook, url: "https://pager.example.invalid/kim"}]}

        """;

    private static Scenario Read(string rest) => ScenarioReader.Read(Minimal + rest, "night.yaml");

    private static ConfigException Refused(string text) => Assert.Throws<ConfigException>(() => ScenarioReader.Read(text, "night.yaml"));

    [Fact]
    public void WallClockTimes_AreTheFirstSuchMomentAfterTheStart_InTheScenariosZone()
    {
        var s = Read("faults:\n  - {kind: host_down, host: a-2, at: \"00:30\", until: \"+2h\"}\n");

        var fault = Assert.Single(s.Faults);
        // 00:30 in Berlin (UTC+1 on 2 March) is the next day's 23:30 UTC of 1 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero), fault.At);
        Assert.Equal(s.Start.AddHours(2), fault.Until);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero), s.Start);
    }

    [Fact]
    public void AFaultOnAnUnknownHost_IsRefused_NamingItsLineAndKey()
    {
        var e = Refused(Minimal + "faults:\n  - {kind: host_down, host: b-9, at: \"+5m\"}\n");

        Assert.Equal("night.yaml", e.File);
        Assert.Equal(20, e.Line);
        Assert.Equal("faults[0].host", e.Key);
        Assert.Contains("no host named \"b-9\"", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorInTheInlineVigilConfiguration_NamesTheScenariosOwnLine()
    {
        var e = Refused(Minimal.Replace("route: {receiver: team}", "route: {receiver: nobody}", StringComparison.Ordinal));

        Assert.Equal(14, e.Line);
        Assert.StartsWith("vigil.route", e.Key, StringComparison.Ordinal);
        Assert.Contains("nobody", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResponderWhoIsNotAPersonOfTheConfiguration_IsRefused()
    {
        var e = Refused(Minimal + "responders:\n  - {person: zed, ack_after: 5m}\n");

        Assert.Equal("responders[0].person", e.Key);
        Assert.Contains("no person named \"zed\" in vigil.people", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lognormal(5m)", "not a duration or distribution")]
    [InlineData("uniform(10m, 1m)", "needs MIN ≤ MAX")]
    [InlineData("soon", "not a duration or distribution")]
    public void AnAcknowledgementDelayThatIsNoDistribution_IsRefused(string written, string reason)
    {
        var e = Refused(Minimal + $"responders:\n  - {{person: kim, ack_after: \"{written}\"}}\n");

        Assert.Equal("responders[0].ack_after", e.Key);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKey_IsRefused_LikeATypoInTheServersConfiguration()
    {
        var e = Refused(Minimal + "falts: []\n");

        Assert.Equal("falts", e.Key);
        Assert.Equal("unknown key", e.Reason);
    }

    [Fact]
    public void AnActWithTwoThingsToDo_IsRefused()
    {
        var e = Refused(Minimal + "responders:\n  - person: kim\n    acts:\n      - {at: \"+1m\", ack: true, reboot: a-1}\n");

        Assert.Contains("one act per entry", e.Reason, StringComparison.Ordinal);
        Assert.Equal(22, e.Line);
    }

    [Fact]
    public void APoolOfTheConfiguration_MustBeSimulatedByTheFleet()
    {
        var e = Refused(Minimal + "  pools:\n    - {name: back, backend: b, min_healthy: 0, haproxy: [{address: \"127.0.0.1:9999\"}], members: {a-1: a-1}}\n");

        Assert.Contains("pool back of the configuration has no simulated pool", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AModeReplacesOnlyWhatItNames()
    {
        var s = Read("""
            faults:
              - {kind: host_down, host: a-1, at: "+5m"}
            modes:
              calm:
                policy: {all: off}
                faults: []

            """);

        var calm = s.WithMode("calm");
        Assert.Empty(calm.Faults);
        Assert.False(calm.Policy.SilenceGuardrails);
        Assert.Single(s.Faults);
        Assert.Equal("small (calm)", calm.Name);
        Assert.Throws<ArgumentException>(() => s.WithMode("stormy"));
    }
}
