using Vigil.Server.Oncall;

namespace Vigil.Server.Config;

/// <summary>Reads <c>people:</c>, <c>teams:</c>, <c>schedules:</c> and <c>oncall:</c> into one <see cref="OnCallOptions"/>.</summary>
internal static class OnCallReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "gap_warning" };

    private static readonly IReadOnlySet<string> GapKnown = new HashSet<string>(StringComparer.Ordinal) { "receiver", "horizon", "interval" };

    public static OnCallOptions Read(YamlCursor? people, YamlCursor? teams, YamlCursor? schedules, YamlCursor? oncall, IReadOnlySet<string> receiverNames)
    {
        var byName = PeopleReader.ReadPeople(people);
        return new OnCallOptions
        {
            People = byName,
            Teams = PeopleReader.ReadTeams(teams, byName),
            Schedules = ScheduleReader.Read(schedules, byName),
            GapWarning = ReadGapWarning(oncall, receiverNames),
        };
    }

    private static GapWarningOptions? ReadGapWarning(YamlCursor? node, IReadOnlySet<string> receiverNames)
    {
        if (node is null || node.Map(Known).Get("gap_warning") is not { } gap)
        {
            return null;
        }
        var map = gap.Map(GapKnown);
        var receiverNode = map.Required("receiver");
        if (!receiverNames.Contains(receiverNode.Text()))
        {
            throw receiverNode.Error($"undefined receiver \"{receiverNode.Text()}\"");
        }
        var defaults = new GapWarningOptions { Receiver = receiverNode.Text() };
        return defaults with
        {
            Horizon = Positive(map.Get("horizon")) ?? defaults.Horizon,
            Interval = Positive(map.Get("interval")) ?? defaults.Interval,
        };
    }

    private static TimeSpan? Positive(YamlCursor? node)
    {
        if (node is null)
        {
            return null;
        }
        var value = node.Duration();
        return value > TimeSpan.Zero ? value : throw node.Error("must be a positive duration");
    }
}
