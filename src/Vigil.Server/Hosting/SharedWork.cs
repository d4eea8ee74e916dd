namespace Vigil.Server.Hosting;

/// <summary>
/// Shares a piece of work on a key (a read of a pool, bringing a window in step with its run) among callers that ask at
/// the same moment, without ever answering with work done before the caller asked: a caller that arrives while the work
/// is under way waits for the next round, which starts after that one ends and serves everyone who arrived meanwhile.
/// So the 50 hosts of a batch asking for their pool cost one or two reads of HAProxy instead of 50, and a member that
/// changed a moment ago is still seen as it is. A caller that needs only work started after an earlier moment (a plan
/// step's hosts: anything read since the step began) joins the round under way when it started after that moment, or takes
/// the last round done when that one did (and succeeded): a plan step reads its pool while its start is being stored, and
/// its hosts take that read once they ask (strictly after: on a clock that stands still, as a test's may, nothing is joined).
/// </summary>
internal sealed class SharedWork<T>(TimeProvider clock)
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>
    /// The result of a round of <paramref name="read"/> on <paramref name="key"/> that started after this call — or, given
    /// <paramref name="since"/> (a <see cref="TimeProvider.GetTimestamp"/> of <c>clock</c>), the round under way or the last
    /// one done if it started after that moment. The round runs uncancelled (bounded by its own timeouts) since others may
    /// wait on it.
    /// </summary>
    public Task<T> RunAsync(string key, Func<Task<T>> read, CancellationToken ct, long? since = null)
    {
        TaskCompletionSource<T> mine;
        bool start;
        lock (_slots)
        {
            var slot = _slots.TryGetValue(key, out var s) ? s : _slots[key] = new Slot();
            if (since is { } moment && slot.Serving is { } current && slot.ServingSince > moment)
            {
                return current.Task.WaitAsync(ct);
            }
            if (since is { } after && slot.Done is { IsCompletedSuccessfully: true } done && slot.DoneSince > after)
            {
                return done;
            }
            mine = slot.Next ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            start = !slot.Running;
            slot.Running = true;
        }
        if (start)
        {
            _ = Task.Run(() => LoopAsync(key, read), CancellationToken.None);
        }
        return mine.Task.WaitAsync(ct);
    }

    private async Task LoopAsync(string key, Func<Task<T>> read)
    {
        while (true)
        {
            TaskCompletionSource<T> serving;
            lock (_slots)
            {
                var slot = _slots[key];
                if (slot.Serving is { } served)
                {
                    slot.Done = served.Task;
                    slot.DoneSince = slot.ServingSince;
                }
                slot.Serving = null;
                if (slot.Next is null)
                {
                    // The slot stays with its last round for a while (ForgetAfter): a pool's key changes when a reload
                    // changes the pool, and the result of a pool's read is the whole pool.
                    slot.Running = false;
                    Forget();
                    return;
                }
                serving = slot.Next;
                slot.Next = null;
                slot.Serving = serving;
                slot.ServingSince = clock.GetTimestamp();
            }
            try
            {
                serving.TrySetResult(await read().ConfigureAwait(false));
            }
            catch (Exception e)
            {
                serving.TrySetException(e);
            }
        }
    }

    /// <summary>How long an idle key's last round may still be taken.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(1);

    /// <summary>Drops the idle keys whose last round started longer than <see cref="ForgetAfter"/> ago. Called under the lock.</summary>
    private void Forget()
    {
        List<string>? old = null;
        foreach (var (key, slot) in _slots)
        {
            if (!slot.Running && clock.GetElapsedTime(slot.DoneSince) > ForgetAfter)
            {
                (old ??= []).Add(key);
            }
        }
        old?.ForEach(k => _slots.Remove(k));
    }

    private sealed class Slot
    {
        public TaskCompletionSource<T>? Next { get; set; }

        /// <summary>The round under way, and when it started.</summary>
        public TaskCompletionSource<T>? Serving { get; set; }

        public long ServingSince { get; set; }

        /// <summary>The last round that ended, and when it started.</summary>
        public Task<T>? Done { get; set; }

        public long DoneSince { get; set; }

        public bool Running { get; set; }
    }
}
