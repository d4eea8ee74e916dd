using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Config;

namespace Vigil.Server.Hosting;

/// <summary>
/// Gives memory back after a burst. A large ingest leaves the heap holding free space between the alerts that stayed
/// (the collector sweeps its oldest generation in the background and compacts it only now and then): at a million
/// alerts, ~400 MiB committed but unused for as long as the server runs. Once the server is quiet after a burst
/// (<see cref="HeapTrimRule"/>), one full compacting collection returns it to the system. It stops the process for as
/// long as the collection takes (~0.8 s at a million alerts on two cores), so it runs only when nothing is arriving,
/// at most once per burst and per 10 minutes, and not at all with <c>server.compact_after_burst: false</c>.
/// </summary>
internal sealed partial class IdleHeapCompaction(ConfigHolder config, TimeProvider clock, ILogger<IdleHeapCompaction> logger) : BackgroundService
{
    // Each second: a million-alert ingest's last checkpoint ends ~4 s after its last request, and two quiet samples a
    // second apart compact ~2 s later (at 2 s, up to 6 s later; the same quiet rate, 4 MiB/s).
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rule = new HeapTrimRule(clock.GetUtcNow());
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                var sample = new HeapSample(GC.GetTotalAllocatedBytes(), info.TotalCommittedBytes);
                if (!rule.ShouldCompact(sample, clock.GetUtcNow()) || !config.Current.Server.CompactAfterBurst)
                {
                    continue;
                }
                var watch = Stopwatch.StartNew();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                var after = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes;
                LogCompacted(sample.CommittedBytes >> 20, after >> 20, watch.ElapsedMilliseconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compacted the heap after a burst: {Before} MiB committed, now {After} MiB, in {Milliseconds} ms")]
    private partial void LogCompacted(long before, long after, long milliseconds);
}

/// <summary>What the collector reports at one sample: bytes allocated since start, and committed.</summary>
internal readonly record struct HeapSample(long AllocatedBytes, long CommittedBytes);

/// <summary>
/// When to compact (see <see cref="IdleHeapCompaction"/>): after <see cref="QuietSamples"/> samples in a row with less
/// than <see cref="QuietBytes"/> allocated between them, when at least <see cref="MinCommittedBytes"/> is committed
/// and the server allocated at least as much since the last compaction (the collector cannot say how much of its oldest
/// generation is dead before it collects it; a heap turned over at least once since is the sign that much of it is);
/// never twice within <see cref="MinGap"/> (a server that receives a million alerts every minute would otherwise stop
/// for a compaction every minute).
/// </summary>
internal sealed class HeapTrimRule(DateTimeOffset start)
{
    public const long QuietBytes = 4L << 20;
    public const long MinCommittedBytes = 512L << 20;
    public const int QuietSamples = 2;
    public static readonly TimeSpan MinGap = TimeSpan.FromMinutes(10);

    private long _lastAllocated = -1;
    private long _allocatedAtCompaction;
    private int _quiet;
    private DateTimeOffset _last = start - MinGap;

    public bool ShouldCompact(HeapSample sample, DateTimeOffset now)
    {
        var allocated = _lastAllocated < 0 ? long.MaxValue : sample.AllocatedBytes - _lastAllocated;
        _lastAllocated = sample.AllocatedBytes;
        _quiet = allocated < QuietBytes ? _quiet + 1 : 0;
        if (_quiet < QuietSamples || sample.CommittedBytes < MinCommittedBytes
            || sample.AllocatedBytes - _allocatedAtCompaction < sample.CommittedBytes || now - _last < MinGap)
        {
            return false;
        }
        _allocatedAtCompaction = sample.AllocatedBytes;
        _last = now;
        return true;
    }
}
