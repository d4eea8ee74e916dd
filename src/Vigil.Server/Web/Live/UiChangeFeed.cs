namespace Vigil.Server.Web.Live;

/// <summary>
/// Counts changes per <see cref="UiTopic"/> and wakes whoever waits for one. Touching is two interlocked
/// operations and never allocates, because the alert writer touches it for every applied batch; a waiter
/// compares version numbers, so a burst of changes is one wake-up.
/// </summary>
public sealed class UiChangeFeed
{
    /// <summary>The <c>NOTIFY</c> channel on which PostgreSQL triggers name the <see cref="UiTopic"/> a change touched
    /// (migration 33), so pages open on any node of a cluster follow changes made through the others.</summary>
    public const string ClusterChannel = "vigil_ui";

    private readonly long[] _versions = new long[Enum.GetValues<UiTopic>().Length];
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Touch(UiTopic topic)
    {
        Interlocked.Increment(ref _versions[(int)topic]);
        Volatile.Read(ref _pulse).TrySetResult();
    }

    public long Version(UiTopic topic) => Interlocked.Read(ref _versions[(int)topic]);

    /// <summary>The task to await for the next change. Check versions after taking it, then await it: a change
    /// made in between either shows in the versions or completes the task.</summary>
    public Task NextChange()
    {
        while (true)
        {
            var pulse = Volatile.Read(ref _pulse);
            if (!pulse.Task.IsCompleted)
            {
                return pulse.Task;
            }
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _pulse, fresh, pulse) == pulse)
            {
                return fresh.Task;
            }
        }
    }
}
