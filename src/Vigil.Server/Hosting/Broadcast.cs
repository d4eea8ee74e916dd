namespace Vigil.Server.Hosting;

/// <summary>
/// A wake-up for any number of waiters: <see cref="Next"/> completes at the next <see cref="Pulse"/>. Take it before
/// reading what the waiter waits for, then wait on it: a pulse in between is not lost.
/// </summary>
public sealed class Broadcast
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next pulse after it was taken.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
