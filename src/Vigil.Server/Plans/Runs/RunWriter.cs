using System.Data.Common;
using Vigil.Server.Hosting;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Writes the changes of runs, combining those that arrive together. A run is one stored document, and the hosts of a
/// batch change it at once (50 hosts starting a step are 50 changes): each change waits in the run's queue, and one
/// writer applies every change waiting to the run as it last stored it (kept in memory while its stored version is the
/// same, so the document is not read back), then
/// stores the result in one write over the version it was made from. Another node's write makes the version differ:
/// the run is read again and the changes re-applied (they are pure). Each caller gets the run as its own change left it.
/// </summary>
internal sealed class RunWriter(PlanRunStore store)
{
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    /// <summary>Stored runs, after each write (the run is dropped when it ends).</summary>
    public event Action<PlanRun>? Stored;

    /// <summary>Keeps a run just stored whole (a new run) as the copy the next change starts from, instead of reading it back.</summary>
    public void Remember(PlanRun stored)
    {
        lock (_queues)
        {
            if (!_queues.ContainsKey(stored.Id))
            {
                _queues[stored.Id] = new Queue { Cached = stored };
            }
        }
    }

    /// <summary>The run as this node last stored it, when it holds a copy: a guess at what comes next, never the base of a change.</summary>
    public PlanRun? Peek(string id)
    {
        lock (_queues)
        {
            return _queues.TryGetValue(id, out var q) ? q.Cached : null;
        }
    }

    /// <summary>
    /// Applies <paramref name="rule"/> to the run and stores it. Null when there is no such run or the rule declines
    /// (returns null); the run unchanged when the rule changes nothing.
    /// </summary>
    public async Task<PlanRun?> ChangeAsync(string id, Func<PlanRun, RunChange?> rule, CancellationToken ct,
        Func<PlanRun, PlanRun, Func<DbConnection, DbTransaction, Task>?>? alongside = null)
    {
        var pending = new Pending(rule, alongside);
        Queue queue;
        bool drain;
        lock (_queues)
        {
            queue = _queues.TryGetValue(id, out var q) ? q : _queues[id] = new Queue();
            queue.Items.Add(pending);
            drain = !queue.Draining;
            queue.Draining = true;
        }
        if (drain)
        {
            // The writer's work is not the caller's to cancel: others wait on it. Each write is short.
            Drain.Start(() => DrainAsync(id, queue));
        }
        return await pending.Done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task DrainAsync(string id, Queue queue)
    {
        while (true)
        {
            List<Pending> batch;
            lock (_queues)
            {
                if (queue.Items.Count == 0)
                {
                    queue.Draining = false;
                    if (queue.Cached is { } last && last.State.IsFinal())
                    {
                        _queues.Remove(id);
                    }
                    return;
                }
                batch = [.. queue.Items];
                queue.Items.Clear();
            }
            try
            {
                await WriteAsync(id, queue, batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                queue.Cached = null;
                foreach (var p in batch)
                {
                    p.Done.TrySetException(e);
                }
            }
        }
    }

    private async Task WriteAsync(string id, Queue queue, List<Pending> batch)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // The copy in memory is used only while it is the stored version (one integer read, not the document):
            // another node may drive the run too, and a rule applied to an old copy could repeat a step.
            var run = queue.Cached is { } cached && await store.VersionAsync(id, CancellationToken.None).ConfigureAwait(false) == cached.Version
                ? cached
                : await store.GetAsync(id, CancellationToken.None).ConfigureAwait(false);
            if (run is null)
            {
                batch.ForEach(p => p.Done.TrySetResult(null));
                return;
            }
            var current = run;
            var results = new PlanRun?[batch.Count];
            var events = new List<RunEvent>();
            var besides = new List<Func<DbConnection, DbTransaction, Task>>();
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].Rule(current) is not { } change)
                {
                    continue;
                }
                if (change.Next != current || change.Events.Count > 0)
                {
                    if (batch[i].Alongside?.Invoke(current, change.Next) is { } also)
                    {
                        besides.Add(also);
                    }
                    events.AddRange(change.Events);
                    current = change.Next;
                }
                results[i] = current;
            }
            if (ReferenceEquals(current, run) && events.Count == 0)
            {
                Complete(batch, results, run.Version);
                return;
            }
            var stored = await store.TryUpdateAsync(new RunChange(current, events), run, CancellationToken.None,
                besides.Count == 0 ? null : async (conn, tx) =>
                {
                    foreach (var also in besides)
                    {
                        await also(conn, tx).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            if (stored is { } s)
            {
                queue.Cached = s.Run;
                Complete(batch, results, s.Run.Version);
                Stored?.Invoke(s.Run);
                return;
            }
            // Another writer got there first: read the run again and apply the changes to it.
            queue.Cached = null;
        }
        throw new InvalidOperationException($"plan run {id} kept changing under this node's write");
    }

    private static void Complete(List<Pending> batch, PlanRun?[] results, long version)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i] is { } r ? r with { Version = version } : null);
        }
    }

    private sealed class Queue
    {
        public List<Pending> Items { get; } = [];

        public bool Draining { get; set; }

        /// <summary>The run as this node last stored or read it; null after a conflict or a failure.</summary>
        public PlanRun? Cached { get; set; }
    }

    private sealed record Pending(Func<PlanRun, RunChange?> Rule, Func<PlanRun, PlanRun, Func<DbConnection, DbTransaction, Task>?>? Alongside)
    {
        public TaskCompletionSource<PlanRun?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
