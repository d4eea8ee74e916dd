using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Vigil.Server.Hosting;
using Vigil.Server.Maintenance;
using Vigil.Server.Security;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Keeps a run's maintenance window in step with the run (<see cref="PlanWindowRules"/>): narrows what it expects to the
/// hosts being rebooted as hosts start and finish, and ends it once the run succeeded or was aborted (which re-raises
/// anything it muted that still fires). Called with the run after each change, before the step that follows; it works
/// from the newest view of the run it has seen, so the hosts of one batch cannot apply an older view last, and their
/// calls share one write of the window. Everything is compared in memory; the window is written only when it changes.
/// A failure is logged and left for the next change: the window then mutes too little, never more than the plan needs.
/// A step's start and the run's insert carry the narrowing they make in their own write instead (<see cref="Alongside"/>:
/// the agents of a reboot step are woken as soon as it commits); the round that follows then finds nothing to write.
/// </summary>
internal sealed partial class PlanWindowSync(WindowSet windows, WindowEditor editor, TimeProvider clock, ILogger<PlanWindowSync> logger)
{
    private readonly ConcurrentDictionary<string, PlanRun> _latest = new(StringComparer.Ordinal);
    private readonly SharedWork<bool> _rounds = new(clock);

    /// <summary>
    /// Brings the window in step with the newest view of the run seen so far (this one or a later one), and returns once a
    /// round that started after this call is done. Calls at the same moment (the hosts of a batch) share one round.
    /// </summary>
    public async Task SyncAsync(PlanRun? run, CancellationToken ct)
    {
        if (run is not { WindowId: not null })
        {
            return;
        }
        _latest.AddOrUpdate(run.Id, run, (_, seen) => seen.Version > run.Version ? seen : run);
        await _rounds.RunAsync(run.Id, () => RoundAsync(run.Id), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The narrowing <paramref name="next"/> needs, as a write for the transaction that stores it (a step's start and what
    /// the window expects from it are then one write, and the agents can be woken as soon as it commits); null when the
    /// window already expects that, has ended, or the run ends it. <paramref name="written"/> receives the window as
    /// written: pass it to <see cref="PublishAsync"/> once the transaction committed.
    /// </summary>
    public Func<DbConnection, DbTransaction, Task>? Alongside(PlanRun next, Action<MaintenanceWindow> written)
    {
        if (next.WindowId is not { } windowId || windows.Get(windowId) is not { } window || PlanWindowRules.EndsWindow(next)
            || WindowRules.StateAt(window, clock.GetUtcNow()) == WindowState.Ended)
        {
            return null;
        }
        var expected = PlanWindowRules.Expected(next);
        return PlanWindowRules.Same(window.Expected, expected)
            ? null
            : async (conn, tx) =>
            {
                if (await editor.ExpectInAsync(conn, tx, windowId, expected, StepExecutor.CallerOf(next), CancellationToken.None).ConfigureAwait(false) is { } w)
                {
                    written(w);
                }
            };
    }

    /// <summary>A window written by <see cref="Alongside"/>, after its transaction committed: the set in memory, and so the next round, see it.</summary>
    public Task PublishAsync(MaintenanceWindow? window, CancellationToken ct) => window is null ? Task.CompletedTask : editor.PublishExpectedAsync(window, ct);

    private async Task<bool> RoundAsync(string runId)
    {
        if (!_latest.TryGetValue(runId, out var run) || run.WindowId is not { } windowId)
        {
            return false;
        }
        try
        {
            if (windows.Get(windowId) is not { } window || WindowRules.StateAt(window, clock.GetUtcNow()) == WindowState.Ended)
            {
                return false;
            }
            var caller = StepExecutor.CallerOf(run);
            if (PlanWindowRules.EndsWindow(run))
            {
                await editor.EndAsync(windowId, caller, CancellationToken.None).ConfigureAwait(false);
                _latest.TryRemove(runId, out _);
                return true;
            }
            var expected = PlanWindowRules.Expected(run);
            if (!PlanWindowRules.Same(window.Expected, expected))
            {
                await editor.ExpectAsync(windowId, expected, caller, CancellationToken.None).ConfigureAwait(false);
                return true;
            }
        }
        catch (Exception e)
        {
            LogFailed(e, runId);
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan run {Id}: bringing its maintenance window in step failed; the next change of the run tries again")]
    private partial void LogFailed(Exception e, string id);
}
