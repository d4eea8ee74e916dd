using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Hosting;

namespace Vigil.Server.Silences;

/// <summary>
/// Every minute (on the injected clock), removes silences that expired more than <c>silences.retention</c>
/// ago. Failures are logged and retried at the next tick (<c>loop="silences"</c> on <c>/metrics</c>).
/// </summary>
internal sealed partial class SilenceSweeper(SilenceService silences, TimeProvider clock, ILogger<SilenceSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly LoopHealth _health = new("silences", logger);

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
                    _health.PassSucceeded(clock.GetUtcNow());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Retried at the next tick: a minute is backoff enough for housekeeping.
                    _health.PassFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} silence(s) past their retention")]
    private partial void LogRemoved(int count);
}
