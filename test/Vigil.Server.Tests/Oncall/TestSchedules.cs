using NodaTime;
using Vigil.Server.Oncall;

namespace Vigil.Server.Tests.Oncall;

/// <summary>Schedules built in code for the pure tests.</summary>
internal static class TestSchedules
{
    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    public static Layer Layer(string zone, string rotation, string handoff, string start, string[] members, params Restriction[] restrictions)
    {
        Assert.True(Rotation.TryParse(rotation, out var r));
        return new Layer("layer-1", members, r, NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(handoff).Value,
            NodaTime.Text.LocalDatePattern.Iso.Parse(start).Value, Zone(zone), restrictions);
    }

    public static Schedule Schedule(params Layer[] layers) =>
        new("s", layers.Length > 0 ? layers[0].Zone : DateTimeZone.Utc, [.. layers.Select((l, i) => l with { Name = $"layer-{i + 1}" })], []);

    public static Instant At(string text)
    {
        Assert.True(OnCallTime.TryParseInstant(text, out var at), text);
        return at;
    }

    public static ScheduleOverride Override(string person, string from, string to, int order = 0) =>
        new($"o{order}", "s", person, At(from), At(to), ScheduleOverride.FromApi, "test", Instant.FromUnixTimeSeconds(order), "");

    public static Restriction Daily(int fromHour, int toHour) => new(null, new LocalTime(fromHour, 0), null, new LocalTime(toHour % 24, 0));

    public static Restriction Weekly(IsoDayOfWeek fromDay, int fromHour, IsoDayOfWeek toDay, int toHour) =>
        new(fromDay, new LocalTime(fromHour, 0), toDay, new LocalTime(toHour % 24, 0));

    /// <summary>Asserts shifts are sorted, non-empty, and neither overlap nor leave a hole inside [from, to).</summary>
    public static void AssertContiguous(IReadOnlyList<Shift> shifts, Instant from, Instant to)
    {
        Assert.NotEmpty(shifts);
        Assert.Equal(from, shifts[0].From);
        Assert.Equal(to, shifts[^1].To);
        for (var i = 0; i < shifts.Count; i++)
        {
            Assert.True(shifts[i].From < shifts[i].To);
            if (i > 0)
            {
                Assert.Equal(shifts[i - 1].To, shifts[i].From);
            }
        }
    }
}
