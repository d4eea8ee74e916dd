using NodaTime;
using Vigil.Server.Oncall;

namespace Vigil.Server.Tests.Oncall;

/// <summary>
/// Random layers, restrictions and overrides (seeded, so a failure repeats): the final shifts never overlap, and at every
/// boundary and at random instants they name exactly whom an independent, instant-by-instant reading of the layers names.
/// </summary>
public sealed class SchedulePropertyTests
{
    private static readonly string[] Zones = ["America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe", "Africa/Addis_Ababa", "UTC", "Australia/Sydney"];
    private static readonly string[] Rotations = ["6h", "8h", "12h", "1d", "2d", "1w"];
    private static readonly string[] People = ["ann", "ben", "cat", "dov", "eve"];

    [Fact]
    public void RandomSchedules_ShiftsNeverOverlap_AndMatchTheLayersInstantByInstant()
    {
        var random = new Random(20270314);
        var from = Instant.FromUtc(2027, 3, 1, 0, 0);
        var to = Instant.FromUtc(2027, 4, 12, 0, 0);
        for (var round = 0; round < 150; round++)
        {
            var schedule = RandomSchedule(random);
            var overrides = RandomOverrides(random, from, to);
            var shifts = ScheduleRenderer.Render(schedule, overrides, from, to);

            for (var i = 0; i < shifts.Count; i++)
            {
                Assert.True(shifts[i].From < shifts[i].To, $"round {round}: empty shift");
                Assert.True(shifts[i].From >= from && shifts[i].To <= to, $"round {round}: shift outside the range");
                Assert.True(i == 0 || shifts[i - 1].To <= shifts[i].From, $"round {round}: shifts {i - 1} and {i} overlap");
            }
            var samples = shifts.SelectMany(s => new[] { s.From, s.To - Duration.FromTicks(1), s.To })
                .Concat(Enumerable.Range(0, 60).Select(_ => from + Duration.FromMinutes(random.NextInt64((long)(to - from).TotalMinutes))))
                .Where(t => t >= from && t < to);
            foreach (var t in samples)
            {
                var expected = Oracle(schedule, overrides, t);
                var actual = shifts.FirstOrDefault(s => s.From <= t && t < s.To);
                Assert.True(expected == (actual?.Person, actual?.Layer), $"round {round} at {t}: expected {expected}, rendered {actual}");
                Assert.Equal(actual?.Person, ScheduleRenderer.At(schedule, overrides, t)?.Person);
            }
        }
    }

    /// <summary>Who is on call at one instant, read straight from the definitions.</summary>
    private static (string?, string?) Oracle(Schedule schedule, IReadOnlyList<ScheduleOverride> overrides, Instant t)
    {
        var o = overrides.Where(x => x.From <= t && t < x.To).OrderBy(x => x.CreatedAt).LastOrDefault();
        if (o is not null)
        {
            return (o.Person, Shift.OverrideLayer);
        }
        foreach (var layer in schedule.Layers.Reverse())
        {
            if (LayerAt(layer, t) is { } person)
            {
                return (person, layer.Name);
            }
        }
        return (null, null);
    }

    private static string? LayerAt(Layer layer, Instant t)
    {
        var origin = layer.Start.At(layer.Handoff);
        Instant Handoff(long k) => LayerRenderer.Resolve(layer.Rotation.Step(origin, k), layer.Zone);
        if (t < Handoff(0))
        {
            return null;
        }
        long k = 0;
        while (Handoff(k + 1) <= t)
        {
            k++;
        }
        if (layer.Restrictions.Count > 0 && !layer.Restrictions.Any(r => Allows(r, layer.Zone, t)))
        {
            return null;
        }
        return layer.Members[(int)(k % layer.Members.Count)];
    }

    private static bool Allows(Restriction r, DateTimeZone zone, Instant t)
    {
        var date = t.InZone(zone).Date;
        for (var d = date.PlusDays(-8); d <= date; d = d.PlusDays(1))
        {
            if (r.IsWeekly && d.DayOfWeek != r.FromDay)
            {
                continue;
            }
            var days = r.IsWeekly ? ((int)r.ToDay!.Value - (int)r.FromDay!.Value + 7) % 7 : 0;
            days = days == 0 && r.To <= r.From ? (r.IsWeekly ? 7 : 1) : days;
            if (LayerRenderer.Resolve(d.At(r.From), zone) <= t && t < LayerRenderer.Resolve(d.PlusDays(days).At(r.To), zone))
            {
                return true;
            }
        }
        return false;
    }

    private static Schedule RandomSchedule(Random random)
    {
        var layers = new List<Layer>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            Assert.True(Rotation.TryParse(Rotations[random.Next(Rotations.Length)], out var rotation));
            var restrictions = new List<Restriction>();
            for (var r = random.Next(0, 3); r > 0; r--)
            {
                var fromTime = new LocalTime(random.Next(24), random.Next(2) * 30);
                var toTime = new LocalTime(random.Next(24), random.Next(2) * 30);
                restrictions.Add(random.Next(2) == 0
                    ? new Restriction(null, fromTime, null, toTime)
                    : new Restriction((IsoDayOfWeek)random.Next(1, 8), fromTime, (IsoDayOfWeek)random.Next(1, 8), toTime));
            }
            layers.Add(new Layer(
                $"layer-{i + 1}",
                [.. People.OrderBy(_ => random.Next()).Take(random.Next(1, 5))],
                rotation,
                new LocalTime(random.Next(24), random.Next(4) * 15),
                new LocalDate(2027, 2, 20).PlusDays(random.Next(30)),
                DateTimeZoneProviders.Tzdb[Zones[random.Next(Zones.Length)]],
                restrictions));
        }
        return new Schedule("random", DateTimeZone.Utc, layers, []);
    }

    private static List<ScheduleOverride> RandomOverrides(Random random, Instant from, Instant to)
    {
        var result = new List<ScheduleOverride>();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var start = from + Duration.FromMinutes(random.NextInt64((long)(to - from).TotalMinutes));
            var end = start + Duration.FromMinutes(random.Next(30, 3 * 24 * 60));
            result.Add(new ScheduleOverride($"o{i}", "random", People[random.Next(People.Length)], start, end, ScheduleOverride.FromApi, "test",
                Instant.FromUnixTimeSeconds(random.Next(1000)), ""));
        }
        return result;
    }
}
