using Vigil.Server.Hosting;

namespace Vigil.Server.Pools;

/// <summary>
/// Sends the <c>set server … state</c> commands asked for at the same moment to one HAProxy instance on one connection
/// (<c>a; b; c</c>), each answer read apart. A plan batch setting 50 members to drain was 50 connections through at most
/// <see cref="HaproxyRuntime.MaxConnections"/> at a time; now it is one or two. Commands asked while a send is under way
/// go in the next one. Only for idempotent commands: a reply that cannot be told apart is sent again one by one.
/// </summary>
internal sealed class StateCommandBatch
{
    // HAProxy reads one command line of at most its buffer size (tune.bufsize, 16 kB by default): a round stays far below.
    private const int MaxCommands = 64;
    private const int MaxLineBytes = 4000;

    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    /// <summary>HAProxy's answer to <paramref name="command"/> sent through <paramref name="runtime"/>, possibly on a line shared with others.</summary>
    public Task<RuntimeResult<string>> SendAsync(HaproxyRuntime runtime, string command)
    {
        var pending = new Pending(command);
        bool start;
        Queue queue;
        lock (_queues)
        {
            queue = _queues.TryGetValue(runtime.Endpoint.Label, out var q) ? q : _queues[runtime.Endpoint.Label] = new Queue();
            queue.Items.Add(pending);
            start = !queue.Sending;
            queue.Sending = true;
        }
        if (start)
        {
            // Bounded by the runtime's own timeout; others' commands ride on it, so no caller cancels it.
            Drain.Start(() => SendLoopAsync(runtime, queue));
        }
        return pending.Done.Task;
    }

    private async Task SendLoopAsync(HaproxyRuntime runtime, Queue queue)
    {
        while (true)
        {
            List<Pending> round;
            lock (_queues)
            {
                if (queue.Items.Count == 0)
                {
                    queue.Sending = false;
                    return;
                }
                round = [];
                var bytes = 0;
                foreach (var item in queue.Items)
                {
                    bytes += item.Command.Length + 2;
                    if (round.Count > 0 && (round.Count == MaxCommands || bytes > MaxLineBytes))
                    {
                        break;
                    }
                    round.Add(item);
                }
                queue.Items.RemoveRange(0, round.Count);
            }
            try
            {
                await SendRoundAsync(runtime, round).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                round.ForEach(p => p.Done.TrySetException(e));
            }
        }
    }

    private static async Task SendRoundAsync(HaproxyRuntime runtime, List<Pending> round)
    {
        if (round.Count > 1)
        {
            var all = await runtime.SendEachAsync([.. round.Select(p => p.Command)], CancellationToken.None).ConfigureAwait(false);
            if (all.Ok)
            {
                for (var i = 0; i < round.Count; i++)
                {
                    round[i].Done.TrySetResult(RuntimeResult<string>.Success(all.Value![i]));
                }
                return;
            }
            if (all.Error!.Kind != RuntimeErrorKind.BadReply)
            {
                round.ForEach(p => p.Done.TrySetResult(RuntimeResult<string>.Failure(all.Error)));
                return;
            }
        }
        await Task.WhenAll(round.Select(async p => p.Done.TrySetResult(await runtime.SendAsync(p.Command, CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);
    }

    private sealed class Queue
    {
        public List<Pending> Items { get; } = [];

        public bool Sending { get; set; }
    }

    private sealed record Pending(string Command)
    {
        public TaskCompletionSource<RuntimeResult<string>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
