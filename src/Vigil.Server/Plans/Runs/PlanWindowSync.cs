using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Vigil.Server.Maintenance;
using Vigil.Server.Security;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Keeps a run's maintenance window in step with the run (<see cref="PlanWindowRules"/>): narrows what it expects to the
/// hosts being rebooted as hosts start and finish, and ends it once the run succeeded or was aborted (which re-raises
/// anything it muted that still fires). Called with the run after each change, before the step that follows; under a
/// per-run lock, a view older than one already applied is ignored, so the hosts of one batch cannot apply an older view
/// last. Everything is compared in memory; the window is written only when it changes. A failure is logged and left
/// for the next change: the window then mutes too little, never more than the plan needs.
/// </summary>
internal sealed partial class PlanWindowSync(WindowSet windows, WindowEditor editor, TimeProvider clock, ILogger<PlanWindowSync> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, long> _applied = new(StringComparer.Ordinal);

    public async Task SyncAsync(PlanRun? run, CancellationToken ct)
    {
        if (run is not { WindowId: { } windowId })
        {
            return;
        }
        var runId = run.Id;
        var gate = _locks.GetOrAdd(runId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_applied.TryGetValue(runId, out var seen) && seen > run.Version)
            {
                return;
            }
            _applied[runId] = run.Version;
            if (windows.Get(windowId) is not { } window || WindowRules.StateAt(window, clock.GetUtcNow()) == WindowState.Ended)
            {
                return;
            }
            var caller = new Caller($"plan-run:{run.Id}", Scope.Admin, "");
            if (PlanWindowRules.EndsWindow(run))
            {
                await editor.EndAsync(windowId, caller, ct).ConfigureAwait(false);
                return;
            }
            var expected = PlanWindowRules.Expected(run);
            if (!PlanWindowRules.Same(window.Expected, expected))
            {
                await editor.ExpectAsync(windowId, expected, caller, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, runId);
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan run {Id}: bringing its maintenance window in step failed; the next change of the run tries again")]
    private partial void LogFailed(Exception e, string id);
}
