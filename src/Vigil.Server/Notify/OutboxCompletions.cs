using Microsoft.Extensions.Logging;
using Vigil.Server.Hosting;
using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

/// <summary>
/// Group commit of delivery outcomes. Each delivery hands its outcome (attempts and new state) here and waits for it to be
/// stored; outcomes that arrive while a write is under way are written together by the next one, in one transaction
/// (<see cref="OutboxStore.CompleteAsync"/>), so 10,000 deliveries finishing at once are about 130 commits instead of
/// 20,000. Unless the worker is busy (below), nothing waits for company: an outcome arriving when no write is under way
/// is written at once. A message is
/// marked delivered only after its receiver answered (the caller's outcome), and its caller hears back only after the
/// commit. When a group's transaction fails, each outcome is written again on its own, so one bad row fails only its
/// own caller: that message stays pending under its lease and is sent again once the lease runs out (at least once).
/// While the worker is <paramref name="busy"/> (a mass page: many requests under way, each about to hand in its outcome),
/// a write that would carry only a few outcomes first waits <paramref name="gather"/> (real time) for more: fewer, larger
/// transactions (docs/benchmarks.md, "Item 7, session 38"). The receiver already has its message; only the stored state
/// waits.
/// </summary>
internal sealed class OutboxCompletions(OutboxStore store, string owner, ILogger logger, int maxBatch = OutboxCompletions.DefaultMaxBatch,
    Func<bool>? busy = null, TimeSpan gather = default)
{
    /// <summary>Outcomes per transaction at most, so one commit stays short.</summary>
    public const int DefaultMaxBatch = 512;

    private readonly Queue<Entry> _queue = new();
    private bool _writing;
    private long _writes;

    /// <summary>Transactions written so far (for tests).</summary>
    internal long Writes => Interlocked.Read(ref _writes);

    /// <summary>Stores <paramref name="completion"/>; completes with the message's state afterwards (null: it was no longer
    /// pending under this worker's lease) once committed, or throws when it could not be stored.</summary>
    public Task<OutboxState?> CompleteAsync(DeliveryCompletion completion)
    {
        var entry = new Entry(completion);
        bool start;
        lock (_queue)
        {
            _queue.Enqueue(entry);
            start = !_writing;
            _writing = true;
        }
        if (start)
        {
            Drain.Start(WriteAllAsync);
        }
        return entry.Done.Task;
    }

    private async Task WriteAllAsync()
    {
        while (true)
        {
            if (gather > TimeSpan.Zero && busy is not null && Queued() < maxBatch / 4 && busy())
            {
                await Task.Delay(gather).ConfigureAwait(false);
            }
            if (Take() is not { Count: > 0 } batch)
            {
                return;
            }
            Interlocked.Increment(ref _writes);
            try
            {
                var states = await store.CompleteAsync(owner, batch.ConvertAll(e => e.Completion), CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(states[i]);
                }
            }
            catch (Exception e) when (batch.Count > 1)
            {
                OutboxLog.CompletionBatchFailed(logger, batch.Count, e);
                foreach (var entry in batch)
                {
                    await WriteOneAsync(entry).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
            }
        }
    }

    private async Task WriteOneAsync(Entry entry)
    {
        Interlocked.Increment(ref _writes);
        try
        {
            var states = await store.CompleteAsync(owner, [entry.Completion], CancellationToken.None).ConfigureAwait(false);
            entry.Done.TrySetResult(states[0]);
        }
        catch (Exception e)
        {
            entry.Done.TrySetException(e);
        }
    }

    private int Queued()
    {
        lock (_queue)
        {
            return _queue.Count;
        }
    }

    private List<Entry> Take()
    {
        lock (_queue)
        {
            var batch = new List<Entry>(Math.Min(_queue.Count, maxBatch));
            while (batch.Count < maxBatch && _queue.TryDequeue(out var entry))
            {
                batch.Add(entry);
            }
            if (batch.Count == 0)
            {
                _writing = false;
            }
            return batch;
        }
    }

    private sealed class Entry(DeliveryCompletion completion)
    {
        public DeliveryCompletion Completion => completion;

        public TaskCompletionSource<OutboxState?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
