using Vigil.Server.Incidents;

namespace Vigil.Server.Tests.Incidents;

/// <summary>The incident's times derived from its alerts and pages, corrections winning, and the order they keep.</summary>
public sealed class IncidentTimeRulesTests
{
    private static readonly DateTimeOffset T0 = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    private static Incident Incident(DateTimeOffset? resolved = null, Dictionary<TimeField, DateTimeOffset>? corrections = null) =>
        new(1, "Site down", IncidentSeverity.Sev1, resolved is null ? IncidentStatus.Investigating : IncidentStatus.Resolved, "", "", "",
            new Dictionary<string, string>(), corrections ?? [], T0, "alice", resolved, T0);

    private static IncidentLink Alert(string fp, int startMin, int? endMin, bool customer) =>
        new(IncidentLink.Alert, fp, "SiteDown", Vigil.Server.Labels.LabelSet.Empty, customer, T0.AddMinutes(startMin), endMin is { } e ? T0.AddMinutes(e) : null, T0);

    [Fact]
    public void Derive_TakesDetectionFromTheFirstAlert_ImpactFromCustomerAlerts_AndPagesFromTheFirstOneOpenedAndAcknowledged()
    {
        var links = new[] { Alert("a", 5, 300, customer: false), Alert("b", 0, 360, customer: true), Alert("c", 10, 240, customer: true) };
        var pages = new[] { new PageFact(1, "p", "acknowledged", T0.AddMinutes(2), T0.AddMinutes(49), "bob"), new PageFact(2, "q", "triggered", T0.AddMinutes(1), null, null) };

        var times = IncidentTimeRules.Derive(Incident(resolved: T0.AddMinutes(400)), links, pages);

        Assert.Equal(T0, times[TimeField.Detected].At);
        Assert.Equal(T0, times[TimeField.ImpactStarted].At);
        Assert.Equal(T0.AddMinutes(360), times[TimeField.ImpactEnded].At);
        Assert.Equal(T0.AddMinutes(360), times[TimeField.Mitigated].At);
        Assert.Equal(T0.AddMinutes(1), times[TimeField.FirstPage].At);
        Assert.Equal(T0.AddMinutes(49), times[TimeField.Acknowledged].At);
        Assert.Equal(new IncidentTime(T0.AddMinutes(400), IncidentTime.Recorded), times[TimeField.Resolved]);
        Assert.All(times.Where(t => t.Key != TimeField.Resolved), t => Assert.Equal(IncidentTime.Derived, t.Value.Origin));
    }

    [Fact]
    public void Derive_LeavesImpactEndUnknownWhileACustomerAlertStillFires_AndKnowsNothingWithoutAlertsOrPages()
    {
        var firing = IncidentTimeRules.Derive(Incident(), [Alert("b", 0, 360, true), Alert("c", 10, null, true)], []);
        Assert.False(firing.ContainsKey(TimeField.ImpactEnded));
        Assert.False(firing.ContainsKey(TimeField.Mitigated));
        Assert.Empty(IncidentTimeRules.Derive(Incident(), [], []));
    }

    [Fact]
    public void Derive_LetsACorrectionWinOverTheDerivedTime()
    {
        var corrected = T0.AddMinutes(-124);
        var times = IncidentTimeRules.Derive(Incident(corrections: new() { [TimeField.ImpactStarted] = corrected }), [Alert("b", 0, 360, true)], []);
        Assert.Equal(new IncidentTime(corrected, IncidentTime.Corrected), times[TimeField.ImpactStarted]);
    }

    public static TheoryData<TimeField, int, TimeField, int, TimeField?> Orders => new()
    {
        // earlier field, minute, later field, minute, the field a person changed → which field is named (null: accepted)
        { TimeField.ImpactStarted, 0, TimeField.Mitigated, -5, TimeField.Mitigated },
        { TimeField.ImpactStarted, 0, TimeField.Mitigated, -5, TimeField.ImpactStarted },
        { TimeField.ImpactStarted, 0, TimeField.Mitigated, 5, null },
        { TimeField.ImpactStarted, 0, TimeField.Mitigated, 0, null },
        { TimeField.FirstPage, 10, TimeField.Acknowledged, 9, TimeField.Acknowledged },
        { TimeField.ImpactStarted, 10, TimeField.ImpactEnded, 9, TimeField.ImpactEnded },
        { TimeField.Mitigated, 10, TimeField.Resolved, 9, TimeField.Resolved },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void CheckOrder_NamesTheChangedFieldThatBreaksTheOrder(TimeField earlier, int earlierMin, TimeField later, int laterMin, TimeField? changed)
    {
        var times = new Dictionary<TimeField, IncidentTime>
        {
            [earlier] = new(T0.AddMinutes(earlierMin), IncidentTime.Corrected),
            [later] = new(T0.AddMinutes(laterMin), IncidentTime.Corrected),
        };
        var problem = IncidentTimeRules.CheckOrder(times, new HashSet<TimeField> { changed ?? later });
        if (laterMin >= earlierMin)
        {
            Assert.Null(problem);
            return;
        }
        Assert.NotNull(problem);
        Assert.Equal(changed, problem.Value.Field);
        var other = changed == later ? earlier : later;
        Assert.Contains(other.Name(), problem.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOrder_IgnoresAReversedPairNobodyJustChanged()
    {
        var times = new Dictionary<TimeField, IncidentTime>
        {
            [TimeField.FirstPage] = new(T0.AddMinutes(10), IncidentTime.Derived),
            [TimeField.Acknowledged] = new(T0.AddMinutes(5), IncidentTime.Derived),
        };
        Assert.Null(IncidentTimeRules.CheckOrder(times, new HashSet<TimeField> { TimeField.Mitigated }));
    }
}
