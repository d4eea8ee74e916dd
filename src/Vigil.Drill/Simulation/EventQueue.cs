namespace Vigil.Drill.Simulation;

/// <summary>
/// What happens next on the virtual clock: events in time order, and events at the same instant in the order they
/// were scheduled (a sequence number breaks ties), so a run is the same every time.
/// </summary>
internal sealed class EventQueue
{
    private readonly PriorityQueue<Scheduled, (DateTimeOffset At, long Seq)> _queue = new();
    private long _seq;

    public int Count => _queue.Count;

    public void At(DateTimeOffset at, string what, Action action) => _queue.Enqueue(new Scheduled(at, what, action), (at, _seq++));

    public DateTimeOffset? NextAt => _queue.TryPeek(out var e, out _) ? e.At : null;

    /// <summary>The next event due at or before <paramref name="until"/>, removed from the queue.</summary>
    public bool TryTake(DateTimeOffset until, out Scheduled next)
    {
        if (_queue.TryPeek(out var e, out _) && e.At <= until)
        {
            next = _queue.Dequeue();
            return true;
        }
        next = null!;
        return false;
    }

    /// <summary>One scheduled event: when, a name for traces, and what it does.</summary>
    internal sealed record Scheduled(DateTimeOffset At, string What, Action Run);
}
