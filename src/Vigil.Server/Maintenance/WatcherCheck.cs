using System.Text.Json.Nodes;
using NodaTime;
using Vigil.Server.Config;
using Vigil.Server.Oncall;

namespace Vigil.Server.Maintenance;

/// <summary>
/// The maintenance-window rule (docs/maintenance.md): the watcher must be on call in the window's schedule (or
/// <c>maintenance.watcher_schedule</c>) for the window's whole span, and the backup in some schedule at its start.
/// Reads the rota as it stands (config and API overrides); writes nothing — <see cref="WindowEditor"/> stores the
/// overrides an assignment asks for.
/// </summary>
public sealed class WatcherCheck(ConfigHolder config, OnCallLookup lookup)
{
    /// <summary>What the rule decided: a refusal (<see cref="Error"/> set) or an acceptance, with the intervals to assign.</summary>
    public sealed record Result
    {
        public int Status { get; init; } = 200;

        public string? Error { get; init; }

        /// <summary>Extra members of the problem body (e.g. <c>uncovered</c>).</summary>
        public JsonObject? Problem { get; init; }

        /// <summary>The schedule checked; null when the rule could not be checked.</summary>
        public Schedule? Schedule { get; init; }

        /// <summary>The spans checked.</summary>
        public IReadOnlyList<Occurrence> Spans { get; init; } = [];

        /// <summary>Where the watcher is not on call yet (accepted only with assign: these become overrides).</summary>
        public IReadOnlyList<InstantRange> Assign { get; init; } = [];

        /// <summary>No schedule named and none configured: accepted without a check (<c>watcher_unchecked</c>).</summary>
        public bool Unchecked { get; init; }
    }

    public Result Check(MaintenanceWindow window, DateTimeOffset now, bool assign)
    {
        var current = config.Current;
        var oncall = current.Oncall;
        var name = window.Schedule ?? current.Maintenance.WatcherSchedule;
        if (name is null)
        {
            return oncall.Schedules.Count == 0
                ? new Result { Unchecked = true }
                : Refuse(409, "name a schedule (window `schedule` or `maintenance.watcher_schedule`) the watcher must be on call in");
        }
        if (oncall.FindSchedule(name) is not { } schedule)
        {
            return Refuse(400, $"schedule: no schedule \"{name}\" (see schedules:)");
        }
        var spans = WatcherCoverage.Spans(window, now);
        var uncovered = new List<InstantRange>();
        foreach (var span in spans)
        {
            var (from, to) = (OnCallTime.Of(span.Start), OnCallTime.Of(span.End));
            uncovered.AddRange(WatcherCoverage.Uncovered(lookup.Shifts(name, from, to) ?? [], window.Watcher, from, to));
        }
        if (uncovered.Count > 0 && !assign)
        {
            var list = string.Join(", ", uncovered.Select(u => Describe(u, schedule.Zone)));
            return Refuse(409, $"the watcher {window.Watcher} is not on call in schedule {name} for the whole window; uncovered: {list}. " +
                "Put them on call (assign=true, or vigil maint add --assign) or change the rota",
                new JsonObject
                {
                    ["schedule"] = name,
                    ["watcher"] = window.Watcher,
                    ["uncovered"] = Intervals(uncovered, schedule.Zone),
                });
        }
        if (uncovered.Count > 0 && !oncall.People.ContainsKey(window.Watcher))
        {
            return Refuse(409, $"the watcher {window.Watcher} is not in people:, so cannot be put on call in schedule {name}");
        }
        foreach (var span in spans)
        {
            // The watcher is on call for the whole span by now (or will be, through the assignment).
            var isWatcher = string.Equals(window.Backup, window.Watcher, StringComparison.Ordinal);
            if (!isWatcher && !oncall.Schedules.Any(s => lookup.OnCallAt(s.Name, span.Start).Contains(window.Backup)))
            {
                var at = OnCallTime.Of(span.Start);
                return Refuse(409, $"the backup {window.Backup} is not on call in any schedule at the window's start " +
                    $"{OnCallTime.Utc(at)} ({OnCallTime.Local(at, schedule.Zone)} {schedule.Zone.Id})",
                    new JsonObject { ["backup"] = window.Backup, ["at"] = OnCallTime.Utc(at) });
            }
        }
        return new Result { Schedule = schedule, Spans = spans, Assign = uncovered };
    }

    /// <summary>Intervals in UTC and in the schedule's zone.</summary>
    public static JsonArray Intervals(IEnumerable<InstantRange> ranges, DateTimeZone zone) =>
        new([.. ranges.Select(r => (JsonNode)new JsonObject
        {
            ["from"] = OnCallTime.Utc(r.From),
            ["to"] = OnCallTime.Utc(r.To),
            ["fromLocal"] = OnCallTime.Local(r.From, zone),
            ["toLocal"] = OnCallTime.Local(r.To, zone),
            ["zone"] = zone.Id,
        })]);

    private static string Describe(InstantRange r, DateTimeZone zone) =>
        $"{OnCallTime.Utc(r.From)}–{OnCallTime.Utc(r.To)} ({OnCallTime.Local(r.From, zone)}–{OnCallTime.Local(r.To, zone)} {zone.Id})";

    private static Result Refuse(int status, string error, JsonObject? problem = null) =>
        new() { Status = status, Error = error, Problem = problem };
}
