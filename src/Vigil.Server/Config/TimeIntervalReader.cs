using NodaTime;
using NodaTime.TimeZones;
using Vigil.Server.Labels;

namespace Vigil.Server.Config;

/// <summary>Reads <c>time_intervals[]</c> and the legacy top-level <c>mute_time_intervals[]</c>,
/// which share one namespace, into <see cref="TimeIntervalSet"/>s.</summary>
internal static class TimeIntervalReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "name", "time_intervals" };

    private static readonly IReadOnlySet<string> SpecKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "times", "weekdays", "days_of_month", "months", "years", "location",
    };

    private static readonly IReadOnlySet<string> TimesKnown = new HashSet<string>(StringComparer.Ordinal) { "start_time", "end_time" };

    /// <summary>Adds the named intervals of <paramref name="list"/>; <paramref name="kind"/> names them in errors.</summary>
    public static void ReadInto(YamlCursor? list, string kind, Dictionary<string, TimeIntervalSet> into)
    {
        foreach (var item in list?.Items() ?? [])
        {
            var map = item.Map(Known);
            var nameNode = map.Required("name");
            var name = nameNode.Text();
            if (name.Length == 0)
            {
                throw nameNode.Error($"missing name in {kind}");
            }
            if (into.ContainsKey(name))
            {
                throw nameNode.Error($"{kind} {GoQuote.Quote(name)} is not unique");
            }
            var specs = (map.Get("time_intervals")?.Items() ?? []).Select(ReadSpec).ToList();
            into[name] = new TimeIntervalSet(name, specs);
        }
    }

    private static TimeIntervalSpec ReadSpec(YamlCursor node)
    {
        var map = node.Map(SpecKnown);
        return new TimeIntervalSpec
        {
            Times = [.. (map.Get("times")?.Items() ?? []).Select(ReadTimes)],
            Weekdays = Ranges(map.Get("weekdays"), TimeRangeParser.Weekdays),
            DaysOfMonth = Ranges(map.Get("days_of_month"), TimeRangeParser.DaysOfMonth),
            Months = Ranges(map.Get("months"), TimeRangeParser.Months),
            Years = Ranges(map.Get("years"), TimeRangeParser.Years),
            Location = map.Get("location") is { } loc ? ReadLocation(loc) : DateTimeZone.Utc,
        };
    }

    private static MinuteRange ReadTimes(YamlCursor node)
    {
        var map = node.Map(TimesKnown);
        var startNode = map.Get("start_time");
        var endNode = map.Get("end_time");
        if (startNode is null || endNode is null)
        {
            throw node.Error("both start and end times must be provided");
        }
        var start = Parse(startNode, TimeRangeParser.TimeOfDay);
        var end = Parse(endNode, TimeRangeParser.TimeOfDay);
        if (start >= end)
        {
            throw node.Error("start time cannot be equal or greater than end time");
        }
        return new MinuteRange(start, end);
    }

    private static List<IntRange> Ranges(YamlCursor? list, Func<string, IntRange> parse) =>
        [.. (list?.Items() ?? []).Select(item => Parse(item, parse))];

    private static T Parse<T>(YamlCursor node, Func<string, T> parse)
    {
        try
        {
            return parse(node.Text());
        }
        catch (FormatException e)
        {
            throw node.Error(e.Message, e);
        }
    }

    /// <summary>An IANA zone name as Go's time.LoadLocation takes it: "" and "UTC" are UTC, "Local" the host's zone.</summary>
    private static DateTimeZone ReadLocation(YamlCursor node)
    {
        var name = node.Text();
        if (name is "" or "UTC")
        {
            return DateTimeZone.Utc;
        }
        if (name == "Local")
        {
            try
            {
                return DateTimeZoneProviders.Tzdb.GetSystemDefault();
            }
            catch (DateTimeZoneNotFoundException e)
            {
                throw node.Error("the host's time zone has no IANA name; name the zone explicitly", e);
            }
        }
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(name) ?? throw node.Error($"unknown time zone {name}");
    }
}
