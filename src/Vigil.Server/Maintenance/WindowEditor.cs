using Vigil.Server.Audit;
using Vigil.Server.Config;
using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Maintenance;

/// <summary>
/// Every change to a stored window: validate, write it and its audit record in one transaction, then update
/// the in-memory set and wake the service. Bad input changes nothing.
/// </summary>
public sealed class WindowEditor(
    Database db,
    WindowStore store,
    WindowEventStore events,
    AuditLog audit,
    WindowSet windows,
    MaintenanceService service,
    ConfigHolder config,
    TimeProvider clock)
{
    public const string ObjectType = "maintenance";

    /// <summary>What a change came to: the window as stored, or the HTTP status and reason it was refused.</summary>
    public sealed record Outcome(MaintenanceWindow? Window, int Status, string? Error);

    public async Task<Outcome> CreateAsync(WindowDraft draft, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString();
        var (built, error) = WindowBuilder.Build(draft, id, config.Current.Maintenance, now, mustEndInFuture: true);
        if (built is null)
        {
            return new Outcome(null, 400, error!.ToString());
        }
        var window = built with { CreatedAt = now, UpdatedAt = now };
        await db.WriteAsync(async (conn, tx) =>
        {
            await store.InsertAsync(conn, tx, window, ct);
            await audit.AppendAsync(conn, tx, caller, "create", ObjectType, id, null, WindowJson.Definition(window).ToJsonString(), ct);
        }, ct);
        Published(window);
        return new Outcome(window, 201, null);
    }

    /// <summary>PUT (<paramref name="replace"/>: the draft is the whole window) or PATCH (fields given override).</summary>
    public Task<Outcome> UpdateAsync(string id, WindowDraft draft, bool replace, Caller caller, CancellationToken ct) =>
        ChangeAsync(id, "update", caller, (current, now) =>
        {
            if (WindowRules.StateAt(current, now) == WindowState.Ended)
            {
                return new Outcome(null, 409, "the window has ended; create a new one");
            }
            var merged = replace ? draft : WindowDraft.From(current).Merge(draft);
            var (built, error) = WindowBuilder.Build(merged, id, config.Current.Maintenance, now, mustEndInFuture: true);
            return built is null
                ? new Outcome(null, 400, error!.ToString())
                : new Outcome(built with { CreatedAt = current.CreatedAt, UpdatedAt = now, DoneAt = current.DoneAt }, 200, null);
        }, ct);

    /// <summary>Ends the window now: it mutes nothing from now on, and the service handles its end at once.</summary>
    public Task<Outcome> EndAsync(string id, Caller caller, CancellationToken ct) =>
        ChangeAsync(id, "end", caller, (current, now) => WindowRules.StateAt(current, now) == WindowState.Ended
            ? new Outcome(null, 409, "the window has already ended")
            : new Outcome(current with { EndedAt = now, UpdatedAt = now }, 200, null), ct);

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
        var outcome = await db.WriteAsync(async (conn, tx) =>
        {
            var current = await store.GetForUpdateAsync(conn, tx, id, ct);
            if (current is null)
            {
                return new Outcome(null, 404, $"no maintenance window {id}");
            }
            var now = clock.GetUtcNow();
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
            return result;
        }, ct);
        if (outcome.Window is { } changed)
        {
            Published(changed);
        }
        return outcome;
    }

    private void Published(MaintenanceWindow window)
    {
        windows.Put(window);
        service.Wake();
    }
}
