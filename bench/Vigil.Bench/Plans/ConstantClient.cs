using System.Collections.Concurrent;

namespace Vigil.Bench.Plans;

/// <summary>
/// An open-loop client at a fixed rate against HAProxy's frontend: one request every 1/rate s on a fixed schedule (a slow
/// answer does not lower the rate), each failure (non-2xx, no answer within 5 s) counted with why and when.
/// </summary>
internal sealed class ConstantClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentBag<Task> _inFlight = [];
    private readonly Task _loop;
    private int _sent;
    private int _ok;

    public ConstantClient(Uri url, int rate)
    {
        _http = BenchHttp.Create(url, null, 64, TimeSpan.FromSeconds(5));
        var period = TimeSpan.FromSeconds(1.0 / rate);
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(period, TimeProvider.System);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false) is true)
            {
                _inFlight.Add(SendAsync());
            }
        });
    }

    public int Sent => Volatile.Read(ref _sent);

    public int Succeeded => Volatile.Read(ref _ok);

    public IReadOnlyList<string> Failures => [.. _failures];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        await Task.WhenAll(_inFlight).ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task SendAsync()
    {
        Interlocked.Increment(ref _sent);
        try
        {
            using var response = await _http.GetAsync("", CancellationToken.None).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _ok);
            }
            else
            {
                _failures.Enqueue($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _failures.Enqueue($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {e.GetType().Name}: {e.Message}");
        }
    }
}
