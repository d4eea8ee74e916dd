using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Vigil.Server.Maintenance;
using Vigil.Server.Security;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Keeps a run's maintenance window in step with the run (<see cref="PlanWindowRules"/>): narrows what it expects to the
/// hosts being rebooted as hosts start and finish, and ends it once the run succeeded or was aborted (which re-raises
/// anything it muted that still fires). Called after each change of the run, before the step that follows; it reads the
/// run afresh under a per-run lock, so calls from the hosts of one batch cannot apply an older view last. A failure is
/// logged and left for the next change: the window then mutes too little, never more than the plan needs.
/// </summary>
internal sealed partial class PlanWindowSync(PlanRunStore store, WindowSet windows, WindowEditor editor, TimeProvider clock, ILogger<PlanWindowSync> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task SyncAsync(string runId, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(runId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await store.GetAsync(runId, ct).ConfigureAwait(false) is not { WindowId: { } windowId } run
                || windows.Get(windowId) is not { } window
                || WindowRules.StateAt(window, clock.GetUtcNow()) == WindowState.Ended)
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
