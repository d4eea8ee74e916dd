using System.Globalization;
using NodaTime;
using Vigil.Server.Config;
using Vigil.Server.Labels;
using Vigil.Server.Storage;

namespace Vigil.Server.Maintenance;

/// <summary>
/// Validates a <see cref="WindowDraft"/> into a <see cref="MaintenanceWindow"/>. Every rule names the field it
/// is about, so the API answers 400 with it and the config reader points at the line.
/// </summary>
public static class WindowBuilder
{
    /// <summary>
    /// Builds the window <paramref name="id"/> from <paramref name="draft"/>. "now" and a missing start of a
    /// recurring window mean <paramref name="now"/>. With <paramref name="mustEndInFuture"/> (API changes) a
    /// window that would already be over is refused.
    /// </summary>
    public static (MaintenanceWindow? Window, WindowError? Error) Build(
        WindowDraft draft, string id, MaintenanceOptions options, DateTimeOffset now, bool mustEndInFuture)
    {
        try
        {
            return (BuildOrThrow(draft, id, options, now, mustEndInFuture), null);
        }
        catch (WindowErrorException e)
        {
            return (null, e.Error);
        }
    }

    private static MaintenanceWindow BuildOrThrow(WindowDraft d, string id, MaintenanceOptions options, DateTimeOffset now, bool mustEndInFuture)
    {
        // Instants at the precision the table keeps: the window this node holds and the one any node reads back must
        // name the same occurrence start, or its end is taken for an occurrence the window no longer has.
        now = UnixMs.Truncate(now);
        var targets = Selectors(d.Targets, "targets");
        var expected = Selectors(d.Expected, "expected");
        var watcher = Person(d.Watcher, "watcher");
        var backup = Person(d.Backup, "backup");
        DateTimeOffset? start = d.Start is { Length: > 0 } s ? Instant(s, "start", now) : null;
        DateTimeOffset? end = d.End is { Length: > 0 } e ? Instant(e, "end", now) : null;
        TimeSpan? duration = null;
        if (d.Duration is { Length: > 0 } text)
        {
            duration = TimeLimits.ParseDuration(text, WindowLimits.MinDuration, options.MaxLength, out var parsed) is { } reason
                ? throw Fail("duration", reason + " (maintenance.max_length)")
                : parsed;
        }
        var window = d.Cron is { Length: > 0 } cron
            ? Recurring(d, cron, start ?? now, end, duration, options)
            : OneOff(d, start, end, duration, options);
        if (mustEndInFuture && window.End is { } until && until <= now)
        {
            throw Fail("end", $"{WindowDraft.Rfc3339(until)} is not in the future");
        }
        return window with
        {
            Id = id,
            Targets = targets,
            Expected = expected,
            Watcher = watcher,
            Backup = backup,
            Announcement = d.Announcement?.Trim() ?? "",
            Schedule = string.IsNullOrWhiteSpace(d.Schedule) ? null : d.Schedule.Trim(),
        };
    }

    private static MaintenanceWindow OneOff(WindowDraft d, DateTimeOffset? start, DateTimeOffset? end, TimeSpan? duration, MaintenanceOptions options)
    {
        if (d.TimeZone is { Length: > 0 })
        {
            throw Fail("timeZone", "only for recurring windows (with cron)");
        }
        var from = start ?? throw Fail("start", "required (RFC 3339 or \"now\")");
        if (end is not null && duration is not null)
        {
            throw Fail("end", "give end or duration, not both");
        }
        var until = end ?? (duration is { } length ? from + length : throw Fail("end", "required (RFC 3339), or give duration"));
        if (until <= from)
        {
            throw Fail("end", "must be after start");
        }
        if (until - from > options.MaxLength)
        {
            throw Fail(end is null ? "duration" : "end",
                $"the window is {PromDuration.Format(until - from)} long; the maximum is {PromDuration.Format(options.MaxLength)} (maintenance.max_length)");
        }
        return Empty with { Start = from, End = until };
    }

    private static MaintenanceWindow Recurring(WindowDraft d, string cron, DateTimeOffset start, DateTimeOffset? end, TimeSpan? duration, MaintenanceOptions options)
    {
        if (WindowLimits.CheckCron(cron) is { } reason)
        {
            throw Fail("cron", reason["cron: ".Length..]);
        }
        var length = duration ?? throw Fail("duration", "required with cron (how long each occurrence lasts, e.g. 2h)");
        if (length > options.MaxLength)
        {
            throw Fail("duration", $"{PromDuration.Format(length)} is longer than the maximum {PromDuration.Format(options.MaxLength)} (maintenance.max_length)");
        }
        var zone = d.TimeZone is { Length: > 0 } z ? z : throw Fail("timeZone", "required with cron (an IANA zone such as Europe/Berlin)");
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
        {
            throw Fail("timeZone", $"unknown IANA time zone \"{zone}\"");
        }
        if (end is { } until && until <= start)
        {
            throw Fail("end", "must be after start");
        }
        return Empty with { Start = start, End = end, Cron = cron.Trim(), Duration = length, TimeZone = zone };
    }

    private static List<IReadOnlyList<Matcher>> Selectors(IReadOnlyList<string>? texts, string field)
    {
        if (texts is null || texts.Count == 0)
        {
            throw Fail(field, "at least one matcher is required, e.g. 'host=\"lb-1\"'");
        }
        var result = new List<IReadOnlyList<Matcher>>();
        for (var i = 0; i < texts.Count; i++)
        {
            IReadOnlyList<Matcher> selector;
            try
            {
                selector = MatcherParser.ParseList(texts[i] ?? "");
            }
            catch (FormatException e)
            {
                throw Fail($"{field}[{i}]", e.Message);
            }
            if (selector.Count == 0)
            {
                throw Fail($"{field}[{i}]", "empty; give at least one matcher");
            }
            if (selector.All(m => m.Matches("")))
            {
                throw Fail($"{field}[{i}]", $"{Matcher.ListToString(selector)} matches every alert; name what the window is about");
            }
            result.Add(selector);
        }
        return result;
    }

    private static string Person(string? name, string field) =>
        string.IsNullOrWhiteSpace(name) ? throw Fail(field, "required (the person's name)") : name.Trim();

    private static DateTimeOffset Instant(string text, string field, DateTimeOffset now)
    {
        if (string.Equals(text.Trim(), "now", StringComparison.OrdinalIgnoreCase))
        {
            return now;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) || !LooksLikeRfc3339(text))
        {
            throw Fail(field, $"not an RFC 3339 time: \"{text}\" (e.g. 2026-05-10T22:30:00Z)");
        }
        return TimeLimits.CheckInstant(t) is { } reason ? throw Fail(field, reason) : UnixMs.Truncate(t);
    }

    // DateTimeOffset.TryParse accepts "5/10/2026"; an instant must carry a date, a time and an offset.
    private static bool LooksLikeRfc3339(string text) =>
        text.Length >= 20 && text[4] == '-' && text[10] is 'T' or 't' or ' ' && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-');

    private static WindowErrorException Fail(string field, string reason) => new(new WindowError(field, reason));

    private static readonly MaintenanceWindow Empty = new()
    {
        Id = "",
        Targets = [],
        Expected = [],
        Start = default,
        Watcher = "",
        Backup = "",
    };

    private sealed class WindowErrorException(WindowError error) : Exception(error.ToString())
    {
        public WindowError Error { get; } = error;
    }
}
