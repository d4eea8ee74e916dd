using Vigil.Server.Labels;
using YamlDotNet.RepresentationModel;
using MatchType = Vigil.Server.Labels.MatchType;

namespace Vigil.Server.Config;

/// <summary>Reads <c>route:</c> and its nested <c>routes</c> with Alertmanager 0.25's validation
/// (config.Route.UnmarshalYAML plus the root checks of config.Config.UnmarshalYAML).</summary>
internal sealed class RouteReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "receiver", "group_by", "group_wait", "group_interval", "repeat_interval", "matchers", "match",
        "match_re", "continue", "routes", "mute_time_intervals", "active_time_intervals",
    };

    private readonly IReadOnlySet<string> _receivers;
    private readonly IReadOnlySet<string> _timeIntervals;

    private RouteReader(IReadOnlySet<string> receivers, IReadOnlySet<string> timeIntervals)
    {
        _receivers = receivers;
        _timeIntervals = timeIntervals;
    }

    public static RouteConfig ReadRoot(YamlCursor node, IReadOnlySet<string> receivers, IReadOnlySet<string> timeIntervals)
    {
        var map = node.Map(Known);
        // The root is the fallback for every alert, so it must catch everything and always deliver somewhere.
        if (map.Get("receiver") is not { } receiver || receiver.Text().Length == 0)
        {
            throw new ConfigException(node.File, node.Line, map.Child("receiver"), "root route must specify a default receiver");
        }
        foreach (var key in new[] { "match", "match_re", "matchers" })
        {
            if (map.Get(key) is { } m && !IsEmpty(m))
            {
                throw m.Error("root route must not have any matchers");
            }
        }
        if (map.Get("continue") is { } c && c.Bool())
        {
            throw c.Error("cannot have continue in root route");
        }
        if (map.Get("mute_time_intervals") is { } mute && mute.Items().Count > 0)
        {
            throw mute.Error("root route must not have any mute time intervals");
        }
        if (map.Get("active_time_intervals") is { } active && active.Items().Count > 0)
        {
            throw active.Error("root route must not have any active time intervals");
        }
        return new RouteReader(receivers, timeIntervals).Read(map);
    }

    private RouteConfig Read(YamlMap map)
    {
        var receiver = map.Get("receiver")?.Text();
        if (!string.IsNullOrEmpty(receiver) && !_receivers.Contains(receiver))
        {
            throw map.Get("receiver")!.Error($"undefined receiver {GoQuote.Quote(receiver)} used in route");
        }
        var (groupBy, groupByAll) = ReadGroupBy(map.Get("group_by"));
        var groupInterval = map.Get("group_interval")?.Duration();
        if (groupInterval == TimeSpan.Zero)
        {
            throw map.Get("group_interval")!.Error("group_interval cannot be zero");
        }
        var repeatInterval = map.Get("repeat_interval")?.Duration();
        if (repeatInterval == TimeSpan.Zero)
        {
            throw map.Get("repeat_interval")!.Error("repeat_interval cannot be zero");
        }
        // Alertmanager's dispatch.NewRoute merges the three spellings and sorts them.
        var matchers = MatcherReader.FromMap(map.Get("match"), MatchType.Equal)
            .Concat(MatcherReader.FromMap(map.Get("match_re"), MatchType.Regex))
            .Concat(MatcherReader.FromStrings(map.Get("matchers")))
            .Order(Comparer<Matcher>.Create(Matcher.Compare))
            .ToList();
        return new RouteConfig
        {
            Receiver = string.IsNullOrEmpty(receiver) ? null : receiver,
            GroupBy = groupBy,
            GroupByAll = groupByAll,
            GroupWait = map.Get("group_wait")?.Duration(),
            GroupInterval = groupInterval,
            RepeatInterval = repeatInterval,
            Matchers = matchers,
            Continue = map.Get("continue")?.Bool() ?? false,
            MuteTimeIntervals = ReadIntervalNames(map.Get("mute_time_intervals")),
            ActiveTimeIntervals = ReadIntervalNames(map.Get("active_time_intervals")),
            Routes = [.. (map.Get("routes")?.Items() ?? []).Select(r => Read(r.Map(Known)))],
        };
    }

    /// <summary>
    /// As in Alertmanager, an empty list or <c>['...']</c> leaves <see cref="RouteConfig.GroupBy"/> null,
    /// so <c>group_by: []</c> inherits the parent's grouping rather than grouping everything together.
    /// </summary>
    private static (IReadOnlyList<string>? GroupBy, bool All) ReadGroupBy(YamlCursor? node)
    {
        if (node is null)
        {
            return (null, false);
        }
        var items = node.Items();
        var all = items.Any(i => i.Text() == "...");
        if (all && items.Any(i => i.Text() != "..."))
        {
            throw node.Error("cannot have wildcard group_by (`...`) and other labels at the same time");
        }
        if (all)
        {
            return (null, true);
        }
        var names = MatcherReader.LabelNameList(node, "group_by", rejectDuplicates: true);
        return (names.Count > 0 ? names : null, false);
    }

    private List<string> ReadIntervalNames(YamlCursor? node)
    {
        var result = new List<string>();
        foreach (var item in node?.Items() ?? [])
        {
            var name = item.Text();
            if (!_timeIntervals.Contains(name))
            {
                throw item.Error($"undefined time interval {GoQuote.Quote(name)} used in route");
            }
            result.Add(name);
        }
        return result;
    }

    private static bool IsEmpty(YamlCursor node) =>
        node.Node is YamlSequenceNode { Children.Count: 0 } or YamlMappingNode { Children.Count: 0 };
}
