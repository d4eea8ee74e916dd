using System.Security.Cryptography;
using System.Text;
using Vigil.Server.Maintenance;

namespace Vigil.Server.Config;

/// <summary>Reads Vigil's <c>maintenance:</c> section; absent keys keep the defaults documented on <see cref="MaintenanceOptions"/>.</summary>
internal static class MaintenanceReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "receiver", "warn_before_end", "max_length", "retention", "windows", "watcher_schedule",
    };

    private static readonly IReadOnlySet<string> WindowKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "targets", "expected", "start", "end", "cron", "duration", "time_zone", "watcher", "backup", "announcement", "schedule",
    };

    public static MaintenanceOptions Read(YamlCursor? node, IReadOnlySet<string> receiverNames, IReadOnlySet<string> scheduleNames)
    {
        var defaults = new MaintenanceOptions();
        if (node is null)
        {
            return defaults;
        }
        var map = node.Map(Known);
        string? receiver = null;
        if (map.Get("receiver") is { } receiverNode)
        {
            receiver = receiverNode.Text();
            if (!receiverNames.Contains(receiver))
            {
                throw receiverNode.Error($"undefined receiver \"{receiver}\"");
            }
        }
        string? watcherSchedule = null;
        if (map.Get("watcher_schedule") is { } scheduleNode)
        {
            watcherSchedule = scheduleNode.Text();
            if (!scheduleNames.Contains(watcherSchedule))
            {
                throw scheduleNode.Error($"undefined schedule \"{watcherSchedule}\" (see schedules:)");
            }
        }
        var options = new MaintenanceOptions
        {
            Receiver = receiver,
            WatcherSchedule = watcherSchedule,
            WarnBeforeEnd = Positive(map, "warn_before_end") ?? defaults.WarnBeforeEnd,
            MaxLength = MaxLength(map) ?? defaults.MaxLength,
            Retention = Positive(map, "retention") ?? defaults.Retention,
        };
        var windows = new List<MaintenanceWindow>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in map.Get("windows")?.Items() ?? [])
        {
            var window = ReadWindow(item, options);
            if (window.Schedule is { } named && !scheduleNames.Contains(named))
            {
                throw item.Map(WindowKnown).Required("schedule").Error($"undefined schedule \"{named}\" (see schedules:)");
            }
            if (!ids.Add(window.Id))
            {
                throw item.Error($"duplicate window id \"{window.Id}\"");
            }
            windows.Add(window);
        }
        return options with { Windows = windows };
    }

    private static MaintenanceWindow ReadWindow(YamlCursor item, MaintenanceOptions options)
    {
        var map = item.Map(WindowKnown);
        var draft = new WindowDraft
        {
            Targets = map.Get("targets")?.Strings(),
            Expected = map.Get("expected")?.Strings(),
            Start = map.Get("start")?.Text(),
            End = map.Get("end")?.Text(),
            Duration = map.Get("duration")?.Text(),
            Cron = map.Get("cron")?.Text(),
            TimeZone = map.Get("time_zone")?.Text(),
            Watcher = map.Get("watcher")?.Text(),
            Backup = map.Get("backup")?.Text(),
            Announcement = map.Get("announcement")?.Text(),
            Schedule = map.Get("schedule")?.Text(),
        };
        if (draft.Start is { } s && string.Equals(s.Trim(), "now", StringComparison.OrdinalIgnoreCase))
        {
            throw map.Required("start").Error("\"now\" is not allowed in the configuration; give an RFC 3339 time");
        }
        var id = map.Get("id")?.Text() is { Length: > 0 } given ? given : "cfg-" + Hash(item);
        // A recurring window in the configuration applies from the epoch unless it says otherwise.
        var (window, error) = WindowBuilder.Build(draft, id, options, DateTimeOffset.UnixEpoch, mustEndInFuture: false);
        if (error is not null)
        {
            var key = error.Field.Split('[')[0] switch { "timeZone" => "time_zone", var k => k };
            var at = map.Get(key) is { } node && error.Field.Contains('[', StringComparison.Ordinal)
                ? node.Items()[int.Parse(error.Field.Split('[', ']')[1], System.Globalization.CultureInfo.InvariantCulture)]
                : map.Get(key) ?? item;
            throw at == item ? item.Error($"{key}: {error.Reason}") : at.Error(error.Reason);
        }
        return window! with { Source = WindowSources.Config };
    }

    // The longest window: beyond a year, a window's end could overflow the last dates accepted (TimeLimits).
    private static TimeSpan? MaxLength(YamlMap map)
    {
        if (map.Get("max_length") is not { } node)
        {
            return null;
        }
        var value = node.Duration();
        return TimeLimits.CheckDuration(value, WindowLimits.MinDuration, WindowLimits.MaxLength) is { } reason ? throw node.Error(reason) : value;
    }

    private static TimeSpan? Positive(YamlMap map, string key)
    {
        if (map.Get(key) is not { } node)
        {
            return null;
        }
        var value = node.Duration();
        return value > TimeSpan.Zero ? value : throw node.Error("must be a positive duration");
    }

    // A stable id for a window without one, so its events survive restarts and reloads.
    private static string Hash(YamlCursor item)
    {
        var text = new StringBuilder();
        Append(text, item.Node);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    private static void Append(StringBuilder sb, YamlDotNet.RepresentationModel.YamlNode node)
    {
        switch (node)
        {
            case YamlDotNet.RepresentationModel.YamlMappingNode m:
                foreach (var (k, v) in m.Children.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal))
                {
                    sb.Append(k).Append('=');
                    Append(sb, v);
                    sb.Append(';');
                }
                break;
            case YamlDotNet.RepresentationModel.YamlSequenceNode s:
                foreach (var c in s.Children)
                {
                    Append(sb, c);
                    sb.Append(',');
                }
                break;
            default:
                sb.Append(node);
                break;
        }
    }
}
