using Microsoft.Extensions.Hosting;

namespace Vigil.Server.Hosts;

/// <summary>
/// Watches for silence on the <see cref="TimeProvider"/>: sleeps until the next host falls due (down, or past its
/// reboot allowance), or until a report makes a host due sooner than that, and raises what is due. One host that fails is skipped
/// (<see cref="HostService.Health"/>); a failed pass is logged and retried after a backoff.
/// </summary>
public sealed class HostMonitor(HostService hosts, Cluster.LeaseBook leases, TimeProvider clock) : BackgroundService
{
    /// <summary>In a cluster, the one node that watches every host's silence holds this lease.</summary>
    public const string LeaseKind = "hosts";

    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);

    /// <summary>How often a node that does not watch looks whether it should (the lease may come to it).</summary>
    private static readonly TimeSpan IdleSleep = TimeSpan.FromSeconds(1);

    private readonly Hosting.WakeSignal _wake = new(clock);

    /// <summary>When the next pass is planned (UTC ticks); the largest value while a pass runs, so any report then wakes it.</summary>
    private long _nextPass = long.MaxValue;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        hosts.SilenceDue += due =>
        {
            if (due is { } d && d.UtcTicks < Volatile.Read(ref _nextPass))
            {
                _wake.Wake();
            }
        };
        leases.Changed += _wake.Wake;
        leases.Want(LeaseKind, ["all"], balanced: false);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Volatile.Write(ref _nextPass, long.MaxValue);
            var now = clock.GetUtcNow();
            var due = now + MaxSleep;
            if (!leases.Holds(LeaseKind, "all"))
            {
                await _wake.WaitAsync(now + IdleSleep, stoppingToken);
                continue;
            }
            try
            {
                if (await hosts.CheckSilenceAsync(now, stoppingToken) is { } next && next < due)
                {
                    // A millisecond past the deadline: silence "longer than" the limit is what raises.
                    due = next + TimeSpan.FromMilliseconds(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                due = now + hosts.Health.PassFailed(e);
            }
            Volatile.Write(ref _nextPass, due.UtcTicks);
            await _wake.WaitAsync(due, stoppingToken);
        }
    }
}
