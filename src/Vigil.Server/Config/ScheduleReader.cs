using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Vigil.Server.Oncall;

namespace Vigil.Server.Config;

/// <summary>Reads <c>schedules:</c>: layers (members, rotation, hand-off, start, zone, restrictions) and overrides.</summary>
internal static class ScheduleReader
{
    private static readonly IReadOnlySet<string> ScheduleKnown = new HashSet<string>(StringComparer.Ordinal) { "name", "time_zone", "layers", "overrides" };

    private static readonly IReadOnlySet<string> LayerKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "members", "rotation", "handoff", "start", "time_zone", "restrictions",
    };

    private static readonly IReadOnlySet<string> RestrictionKnown = new HashSet<string>(StringComparer.Ordinal) { "daily", "weekly" };

    private static readonly IReadOnlySet<string> OverrideKnown = new HashSet<string>(StringComparer.Ordinal) { "person", "from", "to", "note" };

    public static List<Schedule> Read(YamlCursor? node, IReadOnlyDictionary<string, Person> people)
    {
        var schedules = new List<Schedule>();
        foreach (var item in node?.Items() ?? [])
        {
            var map = item.Map(ScheduleKnown);
            var nameNode = map.Required("name");
            var name = nameNode.Text();
            if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || schedules.Any(s => s.Name == name))
            {
                throw nameNode.Error(name.Length == 0 ? "must not be empty" : name.Contains('/', StringComparison.Ordinal) ? "must not contain '/'" : $"duplicate schedule \"{name}\"");
            }
            var zone = map.Get("time_zone") is { } z ? PeopleReader.Zone(z) : DateTimeZone.Utc;
            var layersNode = map.Required("layers");
            var layers = new List<Layer>();
            foreach (var l in layersNode.Items())
            {
                var layer = ReadLayer(l, layers.Count + 1, zone, people);
                if (layers.Any(x => x.Name == layer.Name))
                {
                    throw l.Error($"duplicate layer name \"{layer.Name}\"");
                }
                layers.Add(layer);
            }
            if (layers.Count == 0)
            {
                throw layersNode.Error("a schedule needs at least one layer");
            }
            var overrides = new List<ScheduleOverride>();
            foreach (var o in map.Get("overrides")?.Items() ?? [])
            {
                overrides.Add(ReadOverride(o, name, overrides.Count, people));
            }
            schedules.Add(new Schedule(name, zone, layers, overrides));
        }
        return schedules;
    }

    private static Layer ReadLayer(YamlCursor item, int number, DateTimeZone scheduleZone, IReadOnlyDictionary<string, Person> people)
    {
        var map = item.Map(LayerKnown);
        var membersNode = map.Required("members");
        var members = PeopleReader.KnownPeople(membersNode, people);
        if (members.Count == 0)
        {
            throw membersNode.Error("a layer needs at least one member");
        }
        var rotationNode = map.Required("rotation");
        if (!Rotation.TryParse(rotationNode.Text(), out var rotation))
        {
            throw rotationNode.Error($"not a rotation length: \"{rotationNode.Text()}\" (a whole number of h, d or w, e.g. 12h, 1d, 1w)");
        }
        var handoff = map.Get("handoff") is { } h ? Time(h, h.Text()) : new LocalTime(0, 0);
        var startNode = map.Required("start");
        var start = LocalDatePattern.Iso.Parse(startNode.Text());
        if (!start.Success)
        {
            throw startNode.Error($"not a date: \"{startNode.Text()}\" (YYYY-MM-DD)");
        }
        var restrictions = new List<Restriction>();
        foreach (var r in map.Get("restrictions")?.Items() ?? [])
        {
            restrictions.Add(ReadRestriction(r));
        }
        return new Layer(
            map.Get("name")?.Text() is { Length: > 0 } n ? n : $"layer-{number}",
            members,
            rotation,
            handoff,
            start.Value,
            map.Get("time_zone") is { } z ? PeopleReader.Zone(z) : scheduleZone,
            restrictions);
    }

    private static Restriction ReadRestriction(YamlCursor item)
    {
        var map = item.Map(RestrictionKnown);
        var (daily, weekly) = (map.Get("daily"), map.Get("weekly"));
        if ((daily is null) == (weekly is null))
        {
            throw item.Error("give exactly one of daily: \"HH:MM-HH:MM\" or weekly: \"Mon HH:MM-Fri HH:MM\"");
        }
        var node = (daily ?? weekly)!;
        var parts = node.Text().Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw node.Error($"not a range: \"{node.Text()}\" (e.g. {(daily is null ? "Mon 09:00-Fri 17:00" : "09:00-17:00")})");
        }
        if (daily is not null)
        {
            return new Restriction(null, Time(node, parts[0]), null, Time(node, parts[1]));
        }
        var (fromDay, fromTime) = DayTime(node, parts[0]);
        var (toDay, toTime) = DayTime(node, parts[1]);
        return new Restriction(fromDay, fromTime, toDay, toTime);
    }

    private static ScheduleOverride ReadOverride(YamlCursor item, string schedule, int index, IReadOnlyDictionary<string, Person> people)
    {
        var map = item.Map(OverrideKnown);
        var person = PeopleReader.KnownPerson(map.Required("person"), people);
        var from = Instant(map.Required("from"));
        var toNode = map.Required("to");
        var to = Instant(toNode);
        if (to <= from)
        {
            throw toNode.Error("must be after from");
        }
        return new ScheduleOverride($"cfg-{index}", schedule, person, from, to, ScheduleOverride.FromConfig, "config",
            NodaTime.Instant.MinValue, map.Get("note")?.Text() ?? "");
    }

    private static Instant Instant(YamlCursor node) =>
        !OnCallTime.TryParseInstant(node.Text(), out var at) ? throw node.Error($"not an RFC 3339 time: \"{node.Text()}\"")
        : TimeLimits.CheckInstant(at) is { } outside ? throw node.Error(outside)
        : at;

    private static (IsoDayOfWeek, LocalTime) DayTime(YamlCursor node, string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var day = space < 0 ? null : Day(text[..space]);
        return day is null
            ? throw node.Error($"not a day and time: \"{text}\" (e.g. Mon 09:00)")
            : (day.Value, Time(node, text[(space + 1)..].Trim()));
    }

    private static IsoDayOfWeek? Day(string text) => text.ToLowerInvariant() switch
    {
        "mon" or "monday" => IsoDayOfWeek.Monday,
        "tue" or "tuesday" => IsoDayOfWeek.Tuesday,
        "wed" or "wednesday" => IsoDayOfWeek.Wednesday,
        "thu" or "thursday" => IsoDayOfWeek.Thursday,
        "fri" or "friday" => IsoDayOfWeek.Friday,
        "sat" or "saturday" => IsoDayOfWeek.Saturday,
        "sun" or "sunday" => IsoDayOfWeek.Sunday,
        _ => null,
    };

    /// <summary>HH:MM; <c>24:00</c> is the end of the day (midnight of the next).</summary>
    private static LocalTime Time(YamlCursor node, string text)
    {
        if (text == "24:00")
        {
            return LocalTime.Midnight;
        }
        var parsed = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text);
        return parsed.Success ? parsed.Value : throw node.Error($"not a time of day: \"{text}\" (HH:MM, 24-hour)");
    }
}
