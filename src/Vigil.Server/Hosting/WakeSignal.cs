using System.Threading.Channels;

namespace Vigil.Server.Hosting;

/// <summary>
/// A coalescing wake-up for a background loop on a <see cref="TimeProvider"/>: any number of <see cref="Wake"/>
/// calls between two waits count as one, and <see cref="WaitAsync"/> returns at the deadline or at the first
/// wake-up, whichever comes first (at once when a wake-up is already pending).
/// </summary>
public sealed class WakeSignal(TimeProvider clock)
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _signal.Writer.TryWrite(true);

    /// <summary>Waits until <paramref name="until"/> (null: no deadline) or a wake-up; returns early, without throwing, when <paramref name="ct"/> is cancelled.</summary>
    public async Task WaitAsync(DateTimeOffset? until, CancellationToken ct)
    {
        var reader = _signal.Reader;
        // Measured now, not when the caller computed the deadline: the clock may have moved since.
        if (reader.TryRead(out _) || until <= clock.GetUtcNow())
        {
            return;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = reader.WaitToReadAsync(cts.Token).AsTask();
        var timer = until is { } at ? ClockDeadline.DelayUntilAsync(clock, at, cts.Token) : Task.Delay(Timeout.Infinite, cts.Token);
        await Task.WhenAny(woken, timer).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(woken, timer).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        reader.TryRead(out _);
    }
}
