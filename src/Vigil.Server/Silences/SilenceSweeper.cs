using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vigil.Server.Silences;

/// <summary>
/// Every minute (on the injected clock), removes silences that expired more than <c>silences.retention</c>
/// ago. Failures are logged and retried at the next tick.
/// </summary>
internal sealed partial class SilenceSweeper(SilenceService silences, TimeProvider clock, ILogger<SilenceSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var removed = await silences.SweepAsync(stoppingToken);
                    if (removed > 0)
                    {
                        LogRemoved(removed);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSweepFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} silence(s) past their retention")]
    private partial void LogRemoved(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove old silences; will retry")]
    private partial void LogSweepFailed(Exception e);
}
