using Vigil.Server.Incidents;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Incidents;

/// <summary>Customer impact measured, as pure code: the per-minute failing share, its peak and the customer-minutes lost.</summary>
public sealed class ImpactSeriesTests
{
    private static readonly DateTimeOffset Night = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    [Fact]
    public void TheSeedsNight_SixHoursAtOneHundredPercent_Is360CustomerMinutes()
    {
        var checks = ImpactSeries.Checks([Customer("site", Night, Night.AddHours(6))], []);

        var report = ImpactSeries.Compute(checks, Night, Night.AddHours(6));

        Assert.Equal(360, report.Series.Count);
        Assert.All(report.Series, p => Assert.Equal(1.0, p.FailingShare));
        Assert.Equal((1.0, 360.0), (report.Peak, report.CustomerMinutes));
        Assert.Equal(Night.AddMinutes(359), report.Series[^1].Minute);
    }

    [Fact]
    public void OneOfTwoCustomerProbesFailing_IsHalfTheChecks()
    {
        var checks = ImpactSeries.Checks([Customer("x", Night, Night.AddMinutes(10), probe: "shop")], ["shop", "api"]);

        var report = ImpactSeries.Compute(checks, Night, Night.AddMinutes(20));

        Assert.Equal(["probe:api", "probe:shop"], checks.Select(c => c.Id));
        Assert.Equal([.. Enumerable.Repeat(0.5, 10), .. Enumerable.Repeat(0.0, 10)], report.Series.Select(p => p.FailingShare));
        Assert.Equal((0.5, 5.0), (report.Peak, report.CustomerMinutes));
    }

    [Fact]
    public void AMinutePartlyFailing_CountsThePartThatFailed()
    {
        var checks = ImpactSeries.Checks([Customer("site", Night.AddSeconds(30), Night.AddSeconds(150))], []);

        var report = ImpactSeries.Compute(checks, Night, Night.AddMinutes(3));

        Assert.Equal([0.5, 1.0, 0.5], report.Series.Select(p => p.FailingShare));
        Assert.Equal(2.0, report.CustomerMinutes, 9);
    }

    [Fact]
    public void TwoAlertsOfTheSameProbe_Overlapping_NeverCountTwice()
    {
        var links = new[]
        {
            Customer("a", Night, Night.AddMinutes(4), probe: "shop"),
            Customer("b", Night.AddMinutes(2), null, probe: "shop"), // still failing: open to the end of the range
        };

        var report = ImpactSeries.Compute(ImpactSeries.Checks(links, ["shop"]), Night, Night.AddMinutes(6));

        Assert.All(report.Series, p => Assert.Equal(1.0, p.FailingShare));
        Assert.Equal(6.0, report.CustomerMinutes);
    }

    [Fact]
    public void NonCustomerAlerts_AreNotChecks_AndWithoutChecksThereIsNoImpact()
    {
        var internalAlert = Customer("disk", Night, Night.AddHours(1)) with { Customer = false };

        var report = ImpactSeries.Compute(ImpactSeries.Checks([internalAlert], []), Night, Night.AddHours(1));

        Assert.Equal((0, 0, 0.0, 0.0), (report.Checks, report.Series.Count, report.Peak, report.CustomerMinutes));
    }

    [Fact]
    public void ARangeStartingMidMinute_StartsOnThatMinutesGrid_AndIsCappedAt31Days()
    {
        var checks = ImpactSeries.Checks([Customer("site", Night, null)], []);

        var report = ImpactSeries.Compute(checks, Night.AddSeconds(20), Night.AddDays(40));

        Assert.Equal(Night, report.Series[0].Minute);
        Assert.Equal(1.0, report.Series[0].FailingShare); // failing for the whole part of that minute inside the range
        Assert.Equal(Night.AddSeconds(20).AddDays(31), report.To);
        Assert.Equal(31 * 24 * 60, report.CustomerMinutes, 6);
    }

    private static IncidentLink Customer(string name, DateTimeOffset start, DateTimeOffset? end, string? probe = null)
    {
        var labels = probe is null
            ? LabelSet.From([new("alertname", name), new("impact", "customer")])
            : LabelSet.From([new("alertname", "ProbeFailed"), new("impact", "customer"), new("probe", probe), new("n", name)]);
        return new IncidentLink(IncidentLink.Alert, labels.Fingerprint.ToString(), name, labels, true, start, end, start);
    }
}
