using System.Threading.Channels;

namespace Vigil.Cli;

/// <summary>
/// A server-sent event stream read in the background, as "something changed since you last looked": any number of events
/// between two looks are one change. <see cref="NextAsync"/> waits for a change and then lets the next moments' events
/// join it, so a follower redraws at a pace it chooses, not at every event.
/// </summary>
internal sealed class RunChanges : IAsyncDisposable
{
    // One slot: an event that finds it taken is already covered by the change waiting there.
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    private RunChanges(Func<CancellationToken, IAsyncEnumerable<string>> events, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _reading = ReadAsync(events, _stop.Token);
    }

    /// <summary>Starts reading <paramref name="path"/>'s event stream.</summary>
    public static RunChanges Watch(VigilClient client, string path, CancellationToken ct) =>
        new(token => client.EventsAsync(path, token), ct);

    /// <summary>For tests: any stream of events.</summary>
    internal static RunChanges Watch(Func<CancellationToken, IAsyncEnumerable<string>> events, CancellationToken ct) => new(events, ct);

    /// <summary>
    /// Waits for a change, then <paramref name="gather"/> more for what comes right after it; false once the stream ended
    /// with nothing new. A stream that failed throws its failure here.
    /// </summary>
    public async Task<bool> NextAsync(TimeSpan gather, CancellationToken ct)
    {
        if (!await _changed.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            return false;
        }
        await Task.Delay(gather, TimeProvider.System, ct).ConfigureAwait(false);
        _changed.Reader.TryRead(out _);
        return true;
    }

    private async Task ReadAsync(Func<CancellationToken, IAsyncEnumerable<string>> events, CancellationToken ct)
    {
        // Off the caller's thread: the first read of the stream may wait for its headers.
        await Task.Yield();
        try
        {
            await foreach (var _ in events(ct).ConfigureAwait(false))
            {
                _changed.Writer.TryWrite(true);
            }
            _changed.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _changed.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _changed.Writer.TryComplete(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
