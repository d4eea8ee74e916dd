using System.Collections.Concurrent;

namespace Vigil.Server.Actions;

/// <summary>
/// In-process wake-ups: a host's long-poll wakes when a request for that host is made, and waiters on a request wake
/// when that request changes (only they: a batch of 50 hosts waiting on 50 requests must not all re-read on each change). Take the signal before reading the database, then wait on it: a wake-up in between is
/// not lost. (Across several nodes, waiters also re-read on their own; see <see cref="AgentActionService"/>.)
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

    private readonly ConcurrentDictionary<string, TaskCompletionSource<AgentAction>> _actions = new(StringComparer.Ordinal);

    /// <summary>Completes with the request as this node stored it at its next change (so a waiter need not read it back).</summary>
    public Task<AgentAction> ForAction(string id) =>
        _actions.GetOrAdd(id, _ => new TaskCompletionSource<AgentAction>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void WakeAction(AgentAction stored)
    {
        if (_actions.TryRemove(stored.Id, out var waiting))
        {
            waiting.TrySetResult(stored);
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
