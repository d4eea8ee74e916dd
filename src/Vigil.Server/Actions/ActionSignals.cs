using System.Collections.Concurrent;

namespace Vigil.Server.Actions;

/// <summary>
/// In-process wake-ups: a host's long-poll wakes when a request for that host is made, and waiters on a request wake
/// when that request changes (only they: a batch of 50 hosts waiting on 50 requests must not all re-read on each change).
/// Take the signal before reading the database, then wait on it: a wake-up in between is not lost. (Across several
/// nodes, waiters also re-read on their own; see <see cref="AgentActionService"/>.)
/// </summary>
internal sealed class ActionSignals(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _hosts = new(StringComparer.Ordinal);

    public Task ForHost(string host) => _hosts.GetOrAdd(host, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void WakeHost(string host)
    {
        if (_hosts.TryRemove(host, out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    private readonly ConcurrentDictionary<string, TaskCompletionSource<ActionWake>> _actions = new(StringComparer.Ordinal);

    /// <summary>
    /// Completes at the request's next change on this node, with the request as stored (so a waiter need not read it back)
    /// and the signal of the change after it, already in place: two changes in quick succession (delivered, then
    /// running) cannot fall between a waiter's wake-up and its next wait. A request's signals are kept from its first
    /// waiter until it is finished (nothing changes after that; every request finishes, if only by expiring).
    /// </summary>
    public Task<ActionWake> ForAction(string id) =>
        _actions.GetOrAdd(id, _ => new TaskCompletionSource<ActionWake>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void WakeAction(AgentAction stored)
    {
        // Nobody waiting: nothing to do. Else the next signal takes the current one's place before the current one completes.
        while (_actions.TryGetValue(stored.Id, out var current))
        {
            var next = new TaskCompletionSource<ActionWake>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (stored.State.IsFinished() ? _actions.TryRemove(KeyValuePair.Create(stored.Id, current)) : _actions.TryUpdate(stored.Id, next, current))
            {
                current.TrySetResult(new ActionWake(stored, next.Task));
                return;
            }
        }
    }

    /// <summary>
    /// Drops <paramref name="held"/> when it is still the request's signal: for a waiter that found the request gone or
    /// finished at once, whose signal no change would ever remove.
    /// </summary>
    public void Forget(string id, Task<ActionWake> held)
    {
        if (_actions.TryGetValue(id, out var current) && current.Task == held)
        {
            _actions.TryRemove(KeyValuePair.Create(id, current));
        }
    }

    /// <summary>Waits for <paramref name="signal"/> or <paramref name="timeout"/>; returns early, without throwing, when <paramref name="ct"/> is cancelled.</summary>
    public async Task WaitAsync(Task signal, TimeSpan timeout, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timer = Task.Delay(timeout, clock, cts.Token);
        await Task.WhenAny(signal, timer).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        await timer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

/// <summary>A change of a request, as stored, and the signal of its next change.</summary>
internal sealed record ActionWake(AgentAction Stored, Task<ActionWake> Next);
