using System.Diagnostics;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// A batching queue's drain (group commit, a run's writer, HAProxy command rounds) starts behind the work already waiting
/// for the thread pool: the requests read off their sockets before it get to join its group, instead of each being
/// written alone, one after another, while the drain runs first on the thread that started it.
/// </summary>
public sealed class DrainTests
{
    private const int Waiting = 50;

    [Fact]
    public async Task ADrainStartedOnAPoolThread_StartsAfterTheWorkAlreadyWaitingForThePool_NotBeforeIt()
    {
        var started = 0;
        var startedBeforeTheDrain = -1;
        var left = Waiting + 1;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Finished()
        {
            if (Interlocked.Decrement(ref left) == 0)
            {
                done.TrySetResult();
            }
        }

        // As Kestrel hands the pool the requests it read (each on the pool's shared queue), then one of them, on a pool
        // thread, is the first to ask for a write and starts the drain.
        ThreadPool.UnsafeQueueUserWorkItem<object?>(_ =>
        {
            for (var i = 0; i < Waiting; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem<object?>(_ =>
                {
                    Interlocked.Increment(ref started);
                    // A request's own work (reading, parsing) before it asks for its write.
                    var spin = Stopwatch.StartNew();
                    while (spin.Elapsed < TimeSpan.FromMilliseconds(0.2))
                    {
                        Thread.SpinWait(20);
                    }
                    Finished();
                }, null, preferLocal: false);
            }
            Drain.Start(() =>
            {
                startedBeforeTheDrain = Volatile.Read(ref started);
                Finished();
                return Task.CompletedTask;
            });
        }, null, preferLocal: false);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // All of them were taken from the queue before it; a few may not yet have counted themselves when it began.
        // Started ahead of them (Task.Run from a pool thread), it began after the one or two the other threads had taken.
        Assert.True(startedBeforeTheDrain >= Waiting - 10, $"the drain started after {startedBeforeTheDrain} of the {Waiting} waiting requests");
    }
}
