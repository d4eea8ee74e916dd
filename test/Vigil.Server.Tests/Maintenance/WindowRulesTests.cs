using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;

namespace Vigil.Server.Tests.Maintenance;

public sealed class WindowRulesTests
{
    private static readonly MaintenanceWindow LbReboot = TestWindows.Build(TestWindows.OneOff("2026-05-10T22:30:00Z", "2026-05-11T02:30:00Z"));

    public static TheoryData<string, string, bool> Membership => new()
    {
        // labels, instant, muted?
        { "{alertname=\"HostDown\",host=\"lb-1\"}", "2026-05-10T23:00:00Z", true },
        { "{alertname=\"HostDown\",host=\"lb-1\"}", "2026-05-10T22:30:00Z", true },   // start is inside
        { "{alertname=\"HostDown\",host=\"lb-1\"}", "2026-05-11T02:30:00Z", false },  // end is outside
        { "{alertname=\"HostDown\",host=\"lb-1\"}", "2026-05-10T22:29:59Z", false },
        { "{alertname=\"HostDown\",host=\"db-1\"}", "2026-05-10T23:00:00Z", false },  // not a target
        { "{alertname=\"DiskFull\",host=\"lb-1\"}", "2026-05-10T23:00:00Z", false },  // not expected
        { "{alertname=\"HostDown\",host=\"lb-1\",impact=\"customer\"}", "2026-05-10T23:00:00Z", false }, // customer rule
        { "{alertname=\"HostDown\",host=\"lb-1\",impact=\"internal\"}", "2026-05-10T23:00:00Z", true },
    };

    [Theory]
    [MemberData(nameof(Membership))]
    public void Window_MutesOnlyExpectedSignalsOnTargets_InsideIt(string labels, string at, bool muted)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        var set = LabelSet.From(MatcherParser.ParseList(labels).Select(m => KeyValuePair.Create(m.Name, m.Value)));
        Assert.Equal(muted, WindowRules.Mutes(LbReboot, set, clock.GetUtcNow()));
    }

    [Fact]
    public void Targets_AreAlternatives_AndEachSelectorNeedsAllItsMatchers()
    {
        var window = TestWindows.Build(TestWindows.OneOff("2026-05-10T22:30:00Z", "2026-05-11T02:30:00Z") with
        {
            Targets = ["host=\"lb-1\"", "{host=\"lb-2\",service=\"haproxy\"}"],
            Expected = ["alertname=\"HostDown\"", "alertname=\"HostRebooting\""],
        });
        Assert.True(WindowRules.InScope(window, LabelSet.Of(("alertname", "HostRebooting"), ("host", "lb-1"))));
        Assert.True(WindowRules.InScope(window, LabelSet.Of(("alertname", "HostDown"), ("host", "lb-2"), ("service", "haproxy"))));
        Assert.False(WindowRules.InScope(window, LabelSet.Of(("alertname", "HostDown"), ("host", "lb-2"))));
    }

    [Fact]
    public void EndedEarly_ClosesTheWindow_AndStates_Follow()
    {
        var clock = new FakeTimeProvider(TestWindows.Now);
        Assert.Equal(WindowState.Active, WindowRules.StateAt(LbReboot, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromHours(1));
        var ended = LbReboot with { EndedAt = clock.GetUtcNow() };
        Assert.Equal(WindowState.Ended, WindowRules.StateAt(ended, clock.GetUtcNow()));
        Assert.Equal(new Occurrence(TestWindows.Now, TestWindows.Now.AddHours(1)), WindowRules.OccurrenceStartingAt(ended, TestWindows.Now));
        Assert.False(WindowRules.Mutes(ended, LabelSet.Of(("alertname", "HostDown"), ("host", "lb-1")), clock.GetUtcNow()));
        Assert.Equal(WindowState.Upcoming, WindowRules.StateAt(LbReboot, TestWindows.Now.AddMinutes(-1)));
    }

    [Fact]
    public void Done_CountsForTheOccurrenceItWasMarkedIn()
    {
        var weekly = TestWindows.Build(TestWindows.Recurring("0 2 * * SUN", "2h", "UTC"));
        var first = WindowRules.NextOccurrence(weekly, new DateTimeOffset(2026, 5, 9, 0, 0, 0, TimeSpan.Zero))!.Value;
        var done = weekly with { DoneAt = first.Start.AddMinutes(30) };
        Assert.True(WindowRules.IsDone(done, first));
        Assert.False(WindowRules.IsDone(done, WindowRules.NextOccurrence(done, first.End)!.Value));
    }
}
