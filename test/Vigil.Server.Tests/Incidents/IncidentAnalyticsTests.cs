using Vigil.Server.Incidents;

namespace Vigil.Server.Tests.Incidents;

/// <summary>Response metrics across incidents, as pure code, with the definitions of docs/incidents.md.</summary>
public sealed class IncidentAnalyticsTests
{
    private static readonly DateTimeOffset T0 = new(2020, 5, 11, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MeansFollowTheDefinitions_EachOverTheIncidentsThatHaveBothTimes()
    {
        // The seed's night: impact 7:26, alert 7:26 (+2 min detection), paged 9:30, acked 9:35, traffic back 15:30, resolved 16:00.
        var night = Facts(IncidentSeverity.Sev1, T0, T0.AddHours(9), 360,
            (TimeField.ImpactStarted, 26), (TimeField.Detected, 28), (TimeField.FirstPage, 150), (TimeField.Acknowledged, 155), (TimeField.Mitigated, 510));
        var minor = Facts(IncidentSeverity.Sev3, T0, null, 0, (TimeField.Detected, 0), (TimeField.FirstPage, 10), (TimeField.Acknowledged, 40));

        var r = IncidentAnalytics.Compute([night, minor], T0, T0.AddDays(1), vendorDeadlinesMissed: 0);

        Assert.Equal((2, 1), (r.Incidents, r.Open));
        Assert.Equal((1, 0, 1, 0), (r.BySeverity[IncidentSeverity.Sev1], r.BySeverity[IncidentSeverity.Sev2], r.BySeverity[IncidentSeverity.Sev3], r.BySeverity[IncidentSeverity.Sev4]));
        Assert.Equal(new MeanTime(TimeSpan.FromMinutes(2), 1), r.TimeToDetect);
        Assert.Equal(new MeanTime(TimeSpan.FromMinutes(17.5), 2), r.TimeToAcknowledge);
        Assert.Equal(new MeanTime(TimeSpan.FromMinutes(482), 1), r.TimeToMitigate);
        Assert.Equal(new MeanTime(TimeSpan.FromHours(9), 1), r.TimeToResolve);
        Assert.Equal(360, r.CustomerMinutes);
    }

    [Fact]
    public void NoIncidents_GiveNoMeans()
    {
        var r = IncidentAnalytics.Compute([], T0, T0.AddDays(1), 0);

        Assert.Equal(new MeanTime(null, 0), r.TimeToResolve);
        Assert.Equal(0, r.Incidents);
    }

    [Fact]
    public void AnAlertBeforeTheImpactItDetected_CountsAsZeroTimeToDetect()
    {
        var early = Facts(IncidentSeverity.Sev2, T0, null, 0, (TimeField.ImpactStarted, 10), (TimeField.Detected, 5));

        Assert.Equal(new MeanTime(TimeSpan.Zero, 1), IncidentAnalytics.Compute([early], T0, T0.AddDays(1), 0).TimeToDetect);
    }

    private static IncidentAnalytics.Facts Facts(IncidentSeverity severity, DateTimeOffset opened, DateTimeOffset? resolved, double minutes,
        params (TimeField Field, int Minute)[] times)
    {
        var incident = new Incident(1, "x", severity, resolved is null ? IncidentStatus.Investigating : IncidentStatus.Resolved, "", "", "",
            new Dictionary<string, string>(), new Dictionary<TimeField, DateTimeOffset>(), opened, "admin", resolved, opened);
        var all = times.ToDictionary(t => t.Field, t => new IncidentTime(T0.AddMinutes(t.Minute), IncidentTime.Derived));
        if (resolved is { } r)
        {
            all[TimeField.Resolved] = new IncidentTime(r, IncidentTime.Recorded);
        }
        return new IncidentAnalytics.Facts(incident, all, minutes);
    }
}
