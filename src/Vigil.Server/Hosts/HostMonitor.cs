using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vigil.Server.Hosts;

/// <summary>
/// Watches for silence on the <see cref="TimeProvider"/>: sleeps until the next host falls due (down, or past its
/// reboot allowance), or until a report changes the picture, and raises what is due. Logs and goes on after an error.
/// </summary>
public sealed partial class HostMonitor(HostService hosts, TimeProvider clock, ILogger<HostMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);
    private readonly Hosting.WakeSignal _wake = new(clock);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        hosts.Reported += _wake.Wake;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var due = now + MaxSleep;
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
                LogCheckFailed(e);
                due = now + TimeSpan.FromSeconds(5);
            }
            await _wake.WaitAsync(due, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking hosts for silence failed; retrying in 5 s")]
    private partial void LogCheckFailed(Exception e);
}
