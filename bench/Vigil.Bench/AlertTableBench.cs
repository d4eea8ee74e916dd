using System.Diagnostics;
using System.Globalization;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Bench;

/// <summary>
/// <c>alert-table</c>: the live alerts' table on its own, in process, on one thread — what an ingest does per alert
/// (<see cref="AlertTable.Get"/> of the fingerprint, then <see cref="AlertTable.Set"/>): first <c>--alerts</c> new
/// alerts into an empty table, timed per slice of 100k as the table fills and grows, then the same alerts again in
/// another order (each one found and replaced). The alerts are built before the clock starts, so the times are the
/// table's own: its probes, the cache misses they take, and its growth.
/// </summary>
internal static class AlertTableBench
{
    public static int Run(CommandArgs a)
    {
        var count = a.Int("alerts", 1_000_000);
        var rounds = Math.Max(1, a.Int("rounds", 3));
        a.RejectUnknown();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var alerts = new Alert[count];
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            alerts[i] = new Alert(LabelSet.Of(("alertname", "BenchLoad"), ("instance", "i-" + n), ("job", "node"), ("severity", "warning")),
                AnnotationSet.Empty, at, at.AddHours(1), "", at, false);
        }
        var shuffled = (Alert[])alerts.Clone();
        new Random(7).Shuffle(shuffled);
        const int slice = 100_000;
        var inserts = new List<double[]>();
        var updates = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var table = new AlertTable();
            var perSlice = new double[(count + slice - 1) / slice];
            for (var s = 0; s < perSlice.Length; s++)
            {
                var start = Stopwatch.GetTimestamp();
                for (var i = s * slice; i < Math.Min(count, (s + 1) * slice); i++)
                {
                    var alert = alerts[i];
                    if (table.Get(alert.Fingerprint) is not null)
                    {
                        throw new InvalidOperationException("a new alert was found");
                    }
                    table.Set(alert);
                }
                perSlice[s] = Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / Math.Min(slice, count - s * slice);
            }
            var again = Stopwatch.GetTimestamp();
            foreach (var alert in shuffled)
            {
                if (table.Get(alert.Fingerprint) is null)
                {
                    throw new InvalidOperationException("an alert held was not found");
                }
                table.Set(alert);
            }
            updates.Add(Stopwatch.GetElapsedTime(again).TotalMilliseconds * 1e6 / count);
            inserts.Add(perSlice);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alert-table: {count:N0} alerts, Get + Set per alert on one thread, median of {rounds} rounds (ns per alert)"));
        for (var s = 0; s < inserts[0].Length; s++)
        {
            var ns = Median(inserts.Select(x => x[s]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  new alerts {s * slice,9:N0}–{Math.Min(count, (s + 1) * slice),9:N0}: {ns,7:F0}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  new alerts, all: {Median(inserts.Select(x => x.Average())):F0}; held alerts found and replaced, in another order: {Median(updates):F0}"));
        return 0;
    }

    private static double Median(IEnumerable<double> values) => Spread.Of(values.Select(v => (double?)v))!.Median;
}
