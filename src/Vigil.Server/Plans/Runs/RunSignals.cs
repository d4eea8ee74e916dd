using System.Collections.Concurrent;

namespace Vigil.Server.Plans.Runs;

/// <summary>Wakes whoever waits on a run (its event stream, its driver) when it changed on this node.</summary>
internal sealed class RunSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the run's next change; take it before reading, so no change is missed.</summary>
    public Task Next(string runId) =>
        _waits.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Changed(string runId)
    {
        if (_waits.TryRemove(runId, out var tcs))
        {
            tcs.TrySetResult();
        }
    }
}
