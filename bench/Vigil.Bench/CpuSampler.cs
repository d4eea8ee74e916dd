using System.Diagnostics;

namespace Vigil.Bench;

/// <summary>Reads a process's CPU seconds every 100 ms (wall clock, CPU) so a window's CPU can be taken afterwards.</summary>
internal sealed class CpuSampler : IDisposable
{
    private readonly List<(DateTimeOffset At, double Cpu)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CpuSampler(int pid) => _loop = Task.Run(() => LoopAsync(pid));

    private async Task LoopAsync(int pid)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (ProcessStats.TryCpuSeconds(pid) is { } cpu)
                {
                    lock (_samples)
                    {
                        _samples.Add((TimeProvider.System.GetUtcNow(), cpu));
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>Stops sampling and returns the samples, oldest first.</summary>
    public CpuSamples Stop()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(5));
        lock (_samples)
        {
            return new CpuSamples([.. _samples]);
        }
    }

    public void Dispose()
    {
        if (!_loop.IsCompleted)
        {
            _stop.Cancel();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}

/// <summary>CPU seconds of a process at points in time.</summary>
internal sealed record CpuSamples(IReadOnlyList<(DateTimeOffset At, double Cpu)> Samples)
{
    /// <summary>CPU seconds used between the samples nearest before <paramref name="from"/> and after <paramref name="to"/>, and that span.</summary>
    public (double Cpu, TimeSpan Wall) Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (Samples.Count < 2)
        {
            return (double.NaN, TimeSpan.Zero);
        }

        var a = Samples.LastOrDefault(s => s.At <= from, Samples[0]);
        var b = Samples.FirstOrDefault(s => s.At >= to, Samples[^1]);
        Debug.Assert(a.At <= b.At, "samples are in time order");
        return (b.Cpu - a.Cpu, b.At - a.At);
    }
}
