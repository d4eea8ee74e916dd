using System.Data.Common;
using System.Text.Json.Nodes;
using Vigil.Server.Audit;
using Vigil.Server.Config;
using Vigil.Server.Labels;
using Vigil.Server.Oncall;
using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Maintenance;

/// <summary>
/// Every change to a stored window: validate, write it and its audit record in one transaction, then update
/// the in-memory set and wake the service. Bad input changes nothing. Creating and changing a window goes through
/// <see cref="WatcherCheck"/>; the overrides an assignment asks for are stored in the same transaction as the window.
/// </summary>
public sealed class WindowEditor(
    Database db,
    WindowStore store,
    WindowEventStore events,
    AuditLog audit,
    WindowSet windows,
    MaintenanceService service,
    WatcherCheck watcherCheck,
    OverrideEditor overrideEditor,
    ConfigHolder config,
    TimeProvider clock)
{
    public const string ObjectType = "maintenance";

    /// <summary>What a change came to: the window as stored, or the HTTP status and reason it was refused.</summary>
    public sealed record Outcome(MaintenanceWindow? Window, int Status, string? Error)
    {
        /// <summary>Extra members of the problem body when refused (e.g. the watcher's uncovered intervals).</summary>
        public JsonObject? Problem { get; init; }

        /// <summary>How the watcher rule was met, for the response (<c>watcherCheck</c>).</summary>
        public JsonObject? Watcher { get; init; }

        internal WatcherCheck.Result? Check { get; init; }
    }

    public async Task<Outcome> CreateAsync(WindowDraft draft, Caller caller, CancellationToken ct)
    {
        var now = UnixMs.Truncate(clock.GetUtcNow()); // as stored: see WindowBuilder
        var id = Guid.CreateVersion7(now).ToString();
        var (built, error) = WindowBuilder.Build(draft, id, config.Current.Maintenance, now, mustEndInFuture: true);
        if (built is null)
        {
            return new Outcome(null, 400, error!.ToString());
        }
        var window = built with { CreatedAt = now, UpdatedAt = now };
        if (LimitReached(now) is { } full)
        {
            return full;
        }
        var check = watcherCheck.Check(window, now, draft.Assign == true);
        if (check.Error is not null)
        {
            return Refused(check);
        }
        var summary = await db.WriteAsync(async (conn, tx) =>
        {
            await store.InsertAsync(conn, tx, window, ct);
            await audit.AppendAsync(conn, tx, caller, "create", ObjectType, id, null, WindowJson.Definition(window).ToJsonString(), ct);
            return await ApplyCheckAsync(conn, tx, window, check, caller, now, ct);
        }, ct);
        await PublishedAsync(window, check, ct);
        return new Outcome(window, 201, null) { Watcher = summary };
    }

    /// <summary>PUT (<paramref name="replace"/>: the draft is the whole window) or PATCH (fields given override).</summary>
    public Task<Outcome> UpdateAsync(string id, WindowDraft draft, bool replace, Caller caller, CancellationToken ct) =>
        ChangeAsync(id, "update", caller, (current, now) =>
        {
            if (current.Error is null && WindowRules.StateAt(current, now) == WindowState.Ended)
            {
                return new Outcome(null, 409, "the window has ended; create a new one");
            }
            var merged = replace ? draft : WindowDraft.From(current).Merge(draft);
            var (built, error) = WindowBuilder.Build(merged, id, config.Current.Maintenance, now, mustEndInFuture: true);
            if (built is null)
            {
                return new Outcome(null, 400, error!.ToString());
            }
            var next = built with { CreatedAt = current.CreatedAt, UpdatedAt = now, DoneAt = current.DoneAt };
            var check = watcherCheck.Check(next, now, draft.Assign == true);
            return check.Error is not null ? Refused(check) : new Outcome(next, 200, null) { Check = check };
        }, ct);

    /// <summary>
    /// Ends the window now: it mutes nothing from now on, and the service handles its end at once. A window that cannot
    /// be evaluated (<see cref="MaintenanceWindow.Error"/>) can be ended too, so retention removes it.
    /// </summary>
    public Task<Outcome> EndAsync(string id, Caller caller, CancellationToken ct) =>
        ChangeAsync(id, "end", caller, (current, now) => (current.Error is null ? WindowRules.StateAt(current, now) == WindowState.Ended : current.EndedAt is not null)
            ? new Outcome(null, 409, "the window has already ended")
            : new Outcome(current with { EndedAt = now, UpdatedAt = now }, 200, null), ct);

    /// <summary>
    /// Replaces what the window expects, without the watcher check of an update: a plan run narrowing its window to the
    /// hosts it is rebooting now. An empty list expects nothing, so the window mutes nothing until the next change.
    /// </summary>
    public Task<Outcome> ExpectAsync(string id, IReadOnlyList<IReadOnlyList<Matcher>> expected, Caller caller, CancellationToken ct) =>
        ChangeAsync(id, "expect", caller, Expecting(expected), ct);

    /// <summary>
    /// <see cref="ExpectAsync"/> in the caller's transaction (a plan run's step start and the narrowing it makes are one
    /// write). The window as it will be stored once that transaction commits, or null when it cannot change (no such
    /// window, one from the configuration, or ended); pass it to <see cref="PublishExpectedAsync"/> after the commit.
    /// </summary>
    public async Task<MaintenanceWindow?> ExpectInAsync(DbConnection conn, DbTransaction tx, string id, IReadOnlyList<IReadOnlyList<Matcher>> expected,
        Caller caller, CancellationToken ct) =>
        windows.Get(id) is { Source: WindowSources.Config }
            ? null
            : (await ApplyAsync(conn, tx, id, "expect", caller, Expecting(expected), ct)).Window;

    /// <summary>A window written by <see cref="ExpectInAsync"/>, once its transaction committed: into the set in memory, and the service woken.</summary>
    public Task PublishExpectedAsync(MaintenanceWindow window, CancellationToken ct) => PublishedAsync(window, null, ct);

    private static Func<MaintenanceWindow, DateTimeOffset, Outcome> Expecting(IReadOnlyList<IReadOnlyList<Matcher>> expected) =>
        (current, now) => WindowRules.StateAt(current, now) == WindowState.Ended
            ? new Outcome(null, 409, "the window has already ended")
            : new Outcome(current with { Expected = expected, UpdatedAt = now }, 200, null);

    /// <summary>The watcher marks the work done: no warning before the end unless muted alerts still fire.</summary>
    public Task<Outcome> DoneAsync(string id, Caller caller, CancellationToken ct) =>
        ChangeAsync(id, "done", caller, (current, now) => WindowRules.StateAt(current, now) == WindowState.Ended
            ? new Outcome(null, 409, "the window has already ended")
            : new Outcome(current with { DoneAt = now, UpdatedAt = now }, 200, null), ct);

    private async Task<Outcome> ChangeAsync(string id, string action, Caller caller,
        Func<MaintenanceWindow, DateTimeOffset, Outcome> change, CancellationToken ct)
    {
        if (windows.Get(id) is { Source: WindowSources.Config })
        {
            return new Outcome(null, 409, $"window {id} is defined in the configuration (maintenance.windows); change it there");
        }
        var outcome = await db.WriteAsync((conn, tx) => ApplyAsync(conn, tx, id, action, caller, change, ct), ct);
        if (outcome.Window is { } changed)
        {
            await PublishedAsync(changed, outcome.Check, ct);
        }
        return outcome;
    }

    /// <summary>The change of a stored window, with its audit record, in <paramref name="tx"/>.</summary>
    private async Task<Outcome> ApplyAsync(DbConnection conn, DbTransaction tx, string id, string action, Caller caller,
        Func<MaintenanceWindow, DateTimeOffset, Outcome> change, CancellationToken ct)
    {
        var current = await store.GetForUpdateAsync(conn, tx, id, ct);
        if (current is null)
        {
            return new Outcome(null, 404, $"no maintenance window {id}");
        }
        var now = UnixMs.Truncate(clock.GetUtcNow()); // as stored: see WindowBuilder
        var result = change(current, now);
        if (result.Window is not { } next)
        {
            return result;
        }
        await store.UpdateAsync(conn, tx, next, ct);
        // A window ended before the service saw it open still gets its end handled (re-raise) from this record.
        if (WindowRules.OccurrenceAt(current, now) is { } open && WindowRules.OccurrenceAt(next, now) is null)
        {
            await events.TryAddAsync(conn, tx, id, open.Start, WindowEventKinds.Started, now, null, ct);
        }
        await audit.AppendAsync(conn, tx, caller, action, ObjectType, id,
            WindowJson.Definition(current).ToJsonString(), WindowJson.Definition(next).ToJsonString(), ct);
        return result.Check is { } check ? result with { Watcher = await ApplyCheckAsync(conn, tx, next, check, caller, now, ct) } : result;
    }

    /// <summary>Windows made through the API that have not ended, at <c>server.limits.max_maintenance_windows</c>: 429.</summary>
    private Outcome? LimitReached(DateTimeOffset now)
    {
        var max = config.Current.Server.Limits.MaxMaintenanceWindows;
        var open = windows.All.Count(w => w.Source == WindowSources.Api && WindowRules.StateAt(w, now) != WindowState.Ended);
        return open < max
            ? null
            : new Outcome(null, StatusCodes.Status429TooManyRequests,
                $"{open} maintenance windows are active or upcoming, the limit (server.limits.max_maintenance_windows) is {max}; end one first");
    }

    private static Outcome Refused(WatcherCheck.Result check) =>
        new(null, check.Status, check.Error) { Problem = check.Problem };

    /// <summary>In the window's transaction: the overrides the assignment asks for, or the <c>watcher_unchecked</c> event.</summary>
    private async Task<JsonObject> ApplyCheckAsync(DbConnection conn, DbTransaction tx, MaintenanceWindow window, WatcherCheck.Result check,
        Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        if (check.Schedule is not { } schedule)
        {
            var reason = "no schedule is named (window schedule or maintenance.watcher_schedule) and none is configured";
            await events.TryAddAsync(conn, tx, window.Id, window.Start, WindowEventKinds.WatcherUnchecked, now,
                new JsonObject { ["watcher"] = window.Watcher, ["reason"] = reason }.ToJsonString(), ct);
            return new JsonObject { ["result"] = WindowEventKinds.WatcherUnchecked, ["reason"] = reason };
        }
        var assigned = new JsonArray();
        foreach (var range in check.Assign)
        {
            var o = overrideEditor.New(schedule.Name, window.Watcher, range.From, range.To, $"watcher of maintenance window {window.Id}", caller);
            await overrideEditor.InsertAsync(conn, tx, o, caller, ct);
            assigned.Add(OnCallJson.Override(o));
        }
        return new JsonObject
        {
            ["result"] = check.Assign.Count > 0 ? "assigned" : "covered",
            ["schedule"] = schedule.Name,
            ["checked"] = WatcherCheck.Intervals(check.Spans.Select(s => new InstantRange(OnCallTime.Of(s.Start), OnCallTime.Of(s.End))), schedule.Zone),
            ["assigned"] = assigned,
        };
    }

    private async Task PublishedAsync(MaintenanceWindow window, WatcherCheck.Result? check, CancellationToken ct)
    {
        windows.Put(window);
        service.Wake();
        if (check is { Assign.Count: > 0 })
        {
            await overrideEditor.ReloadAsync(ct);
        }
    }
}
