namespace Vigil.Server.Hosting;

/// <summary>
/// Starts the drain of a batching queue (group commit, a run's writer, HAProxy command rounds, delivery outcomes) behind
/// the work already waiting for the thread pool, not ahead of it. <c>Task.Run</c> on a pool thread puts the task in that
/// thread's own queue, which the thread empties before it looks at the shared one: the drain ran before the requests
/// already read off their sockets, so 50 agents' reports arriving together were committed one by one on one thread,
/// each in a transaction of its own, while the others waited their turn. Started behind them, they join its group.
/// </summary>
internal static class Drain
{
    public static void Start(Func<Task> drain) =>
        _ = Task.Factory.StartNew(drain, CancellationToken.None, TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default).Unwrap();
}
