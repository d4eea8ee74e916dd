namespace Vigil.Server.Tests.Plans;

/// <summary>A constant client behind HAProxy's frontend: about <c>rate</c> requests a second, each failure (non-2xx or no answer) counted with why.</summary>
internal sealed class FrontendTraffic : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _failures = [];
    private readonly Task _loop;
    private int _sent;

    public FrontendTraffic(string url, int rate = 50)
    {
        _loop = Task.Run(async () =>
        {
            var pause = TimeSpan.FromMilliseconds(1000.0 / rate);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await _http.GetAsync(url, _stop.Token);
                    Interlocked.Increment(ref _sent);
                    if (!response.IsSuccessStatusCode)
                    {
                        Fail($"{(int)response.StatusCode}");
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref _sent);
                    Fail(e.Message);
                }
                try
                {
                    await Task.Delay(pause, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public int Sent => Volatile.Read(ref _sent);

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    private void Fail(string why)
    {
        lock (_failures)
        {
            _failures.Add(why);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _http.Dispose();
        _stop.Dispose();
    }
}
