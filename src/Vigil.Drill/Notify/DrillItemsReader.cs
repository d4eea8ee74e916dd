using Vigil.Server.Config;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;
using Vigil.Server.Silences;

namespace Vigil.Drill.Notify;

/// <summary>
/// The <c>silences:</c>, <c>windows:</c> and <c>expect:</c> entries of a drill file. Silences and windows are checked
/// by the server's own rules (<see cref="SilenceRules.Validate"/> with <c>silences:</c> guardrails, <see cref="WindowBuilder"/>).
/// </summary>
internal static class DrillItemsReader
{
    private static readonly IReadOnlySet<string> SilenceKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "matchers", "from", "to", "createdBy", "comment", "approvedBy",
    };

    private static readonly IReadOnlySet<string> WindowKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "targets", "expected", "start", "end", "duration", "cron", "timeZone", "watcher", "backup", "announcement",
    };

    private static readonly IReadOnlySet<string> ExpectKnown = new HashSet<string>(StringComparer.Ordinal) { "at", "receiver", "firing", "resolved" };

    public static IReadOnlyList<Silence> Silences(YamlCursor? node, VigilConfig config, DateTimeOffset start)
    {
        var result = new List<Silence>();
        foreach (var (item, i) in (node?.Items() ?? []).Select((item, i) => (item, i)))
        {
            var map = item.Map(SilenceKnown);
            var matchersNode = map.Required("matchers");
            IReadOnlyList<Matcher> matchers;
            try
            {
                matchers = matchersNode.Node is YamlDotNet.RepresentationModel.YamlSequenceNode
                    ? [.. matchersNode.Strings().SelectMany(MatcherParser.ParseList)]
                    : MatcherParser.ParseList(matchersNode.Text());
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw matchersNode.Error(e.Message);
            }
            var from = map.Get("from") is { } f ? DrillTimes.Read(f, start) : start;
            var to = DrillTimes.Read(map.Required("to"), start);
            var createdBy = map.Get("createdBy")?.Text() ?? "drill";
            var approvedBy = map.Get("approvedBy")?.Text();
            if (approvedBy == createdBy)
            {
                throw map.Required("approvedBy").Error($"'{approvedBy}' created the silence and cannot also approve it; a second person must");
            }
            var silence = new Silence(map.Get("id")?.Text() ?? $"silence-{i + 1}", matchers, from, to, start, createdBy,
                map.Get("comment")?.Text() ?? "", "drill:" + createdBy, approvedBy, approvedBy is null ? null : from);
            if (from >= to)
            {
                throw map.Required("to").Error("must be after from");
            }
            if (SilenceRules.Validate(silence, config.Silences) is { } invalid)
            {
                throw item.Error(invalid);
            }
            result.Add(silence);
        }
        return result;
    }

    public static IReadOnlyList<MaintenanceWindow> Windows(YamlCursor? node, VigilConfig config, DateTimeOffset start)
    {
        var result = new List<MaintenanceWindow>();
        foreach (var (item, i) in (node?.Items() ?? []).Select((item, i) => (item, i)))
        {
            var map = item.Map(WindowKnown);
            string? Instant(string key) => map.Get(key) is { } n ? DrillTimes.Rfc3339(DrillTimes.Read(n, start)) : null;
            var draft = new WindowDraft
            {
                Targets = map.Get("targets")?.Strings(),
                Expected = map.Get("expected")?.Strings(),
                Start = Instant("start") ?? DrillTimes.Rfc3339(start),
                End = Instant("end"),
                Duration = map.Get("duration")?.Text(),
                Cron = map.Get("cron")?.Text(),
                TimeZone = map.Get("timeZone")?.Text(),
                Watcher = map.Get("watcher")?.Text() ?? "drill",
                Backup = map.Get("backup")?.Text() ?? "drill",
                Announcement = map.Get("announcement")?.Text(),
            };
            var (window, error) = WindowBuilder.Build(draft, map.Get("id")?.Text() ?? $"window-{i + 1}", config.Maintenance, start, mustEndInFuture: false);
            if (error is not null)
            {
                var key = error.Field.Split('[')[0];
                throw (map.Get(key) ?? item).Error(map.Has(key) ? error.Reason : error.ToString());
            }
            result.Add(window! with { CreatedAt = start, UpdatedAt = start });
        }
        return result;
    }

    public static IReadOnlyList<Expectation> Expectations(YamlCursor? node, DateTimeOffset start) =>
        [.. (node?.Items() ?? []).Select(item =>
        {
            var map = item.Map(ExpectKnown);
            return new Expectation(
                $"{item.File}:{item.Line} ({item.Path})",
                map.Get("at") is { } at ? DrillTimes.Read(at, start) : null,
                map.Get("receiver")?.Text(),
                Descriptions(map.Get("firing")),
                Descriptions(map.Get("resolved")));
        })];

    private static IReadOnlyList<string>? Descriptions(YamlCursor? node)
    {
        foreach (var item in node?.Items() ?? [])
        {
            try
            {
                ExpectationCheck.Parse(item.Text());
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw item.Error(e.Message);
            }
        }
        return node?.Strings();
    }
}
