namespace Vigil.Drill.Simulation;

/// <summary>
/// The drill's clock: a <see cref="TimeProvider"/> that moves only when the runner moves it, so the server's code that
/// takes a clock runs on virtual time. It has no timers: what is due is on the <see cref="EventQueue"/>.
/// </summary>
internal sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("the drill's clock has no timers: schedule events on the event queue");

    /// <summary>Moves the clock to <paramref name="to"/>; never backwards.</summary>
    public void MoveTo(DateTimeOffset to)
    {
        if (to < _now)
        {
            throw new InvalidOperationException($"the virtual clock cannot go back from {_now:O} to {to:O}");
        }
        _now = to;
    }
}
