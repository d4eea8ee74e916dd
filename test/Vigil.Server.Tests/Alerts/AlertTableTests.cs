using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Alerts;

/// <summary>The table that holds the live alerts: lookups, replacement, removal and growth, and readers that run alongside the writer.</summary>
public sealed class AlertTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static Alert Alert(int i, string summary = "s") =>
        new(LabelSet.Of(("alertname", "A"), ("id", i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            AnnotationSet.Of(("summary", summary)), T0, T0.AddHours(1), "", T0, false);

    [Fact]
    public void AnAlertSet_IsFoundByItsFingerprint_AndASecondSetReplacesIt()
    {
        var table = new AlertTable();
        Assert.True(table.Set(Alert(1, "first")));
        Assert.False(table.Set(Alert(1, "second")));

        Assert.Equal(1, table.Count);
        Assert.Equal("second", table.Get(Alert(1).Fingerprint)!.Annotations.Get("summary"));
        Assert.Null(table.Get(Alert(2).Fingerprint));
    }

    [Fact]
    public void ThousandsOfAlerts_GrowTheTable_AndEveryOneIsStillFoundAndListedOnce()
    {
        var table = new AlertTable();
        for (var i = 0; i < 10_000; i++)
        {
            table.Set(Alert(i));
        }

        Assert.Equal(10_000, table.Count);
        Assert.True(table.Capacity >= 4 * 10_000 / 3, $"capacity {table.Capacity} leaves too few free slots");
        Assert.All(Enumerable.Range(0, 10_000), i => Assert.Equal(Alert(i).Fingerprint, table.Get(Alert(i).Fingerprint)!.Fingerprint));
        Assert.Equal(10_000, table.All.Select(a => a.Fingerprint).Distinct().Count());
    }

    [Fact]
    public void ARemovedAlert_IsGone_WhileAlertsStoredPastItOnTheSameProbeAreStillFound()
    {
        var table = new AlertTable();
        for (var i = 0; i < 1_000; i++)
        {
            table.Set(Alert(i));
        }
        for (var i = 0; i < 1_000; i += 2)
        {
            Assert.True(table.Remove(Alert(i).Fingerprint));
        }

        Assert.False(table.Remove(Alert(0).Fingerprint));
        Assert.Equal(500, table.Count);
        Assert.All(Enumerable.Range(0, 1_000), i => Assert.Equal(i % 2 == 1, table.Get(Alert(i).Fingerprint) is not null));
        Assert.Equal(500, table.All.Count());
    }

    [Fact]
    public void AlertsComingAndGoingForever_DoNotFillTheTableWithRemovalMarks()
    {
        var table = new AlertTable();
        for (var i = 0; i < 100_000; i++)
        {
            table.Set(Alert(i));
            if (i >= 10)
            {
                table.Remove(Alert(i - 10).Fingerprint);
            }
        }

        Assert.Equal(10, table.Count);
        Assert.True(table.Capacity <= 64, $"capacity {table.Capacity} for 10 alerts");
        Assert.All(Enumerable.Range(100_000 - 10, 10), i => Assert.NotNull(table.Get(Alert(i).Fingerprint)));
    }

    [Fact]
    public async Task ReadersAlongsideTheWriter_AlwaysFindTheAlertsNeverRemoved_AndNeverAnotherFingerprint()
    {
        var table = new AlertTable();
        var kept = Enumerable.Range(0, 100).Select(i => Alert(-1 - i)).ToArray();
        foreach (var a in kept)
        {
            table.Set(a);
        }
        var done = 0;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 200_000; i++)
            {
                table.Set(Alert(i));
                if (i % 3 == 0)
                {
                    table.Remove(Alert(i / 2).Fingerprint);
                }
                if (i % 1000 == 0)
                {
                    table.Set(Alert(-1 - (i / 1000 % 100), $"v{i}"));
                }
            }
            Volatile.Write(ref done, 1);
        }, TestContext.Current.CancellationToken);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var problems = new List<string>();
            while (Volatile.Read(ref done) == 0 && problems.Count < 10)
            {
                foreach (var a in kept)
                {
                    var found = table.Get(a.Fingerprint);
                    if (found is null || found.Fingerprint != a.Fingerprint)
                    {
                        problems.Add($"kept alert {a.Labels} read as {found?.Labels.ToString() ?? "missing"}");
                    }
                }
                var listed = table.All.Count(a => a.Labels.Get("id")!.StartsWith('-'));
                if (listed != kept.Length)
                {
                    problems.Add($"listed {listed} of the {kept.Length} kept alerts");
                }
            }
            return problems;
        }, TestContext.Current.CancellationToken)).ToArray();

        await writer;
        var seen = (await Task.WhenAll(readers)).SelectMany(p => p).ToList();
        Assert.Empty(seen);
    }
}
