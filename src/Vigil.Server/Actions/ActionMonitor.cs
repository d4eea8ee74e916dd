using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Hosting;

namespace Vigil.Server.Actions;

/// <summary>
/// Expires requests no agent took up, fails actions whose outcome never came, and completes reboots whose host is
/// back with a new boot id (also right after a restart, so a reboot done while the server was down is recognised).
/// Sleeps until the next deadline, or until a change makes something due sooner; logs and goes on after an error.
/// </summary>
public sealed class ActionMonitor(AgentActionService actions, TimeProvider clock, ILogger<ActionMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);
    private readonly WakeSignal _wake = new(clock);
    private readonly LoopHealth _health = new("actions", logger);

    /// <summary>When the loop sleeps until (UTC ticks); <see cref="Sweeping"/> while it sweeps, so every change then wakes it again.</summary>
    private long _sleepsUntil = Sweeping;

    private const long Sweeping = 0;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Not every change: a sweep reads every open request, and a batch of 50 reboots made ~200 changes (requested,
        // delivered, running, succeeded) while the server was busiest with the batch, none of them due any sooner.
        actions.Changed += a =>
        {
            var until = Volatile.Read(ref _sleepsUntil);
            if (until == Sweeping || actions.SweepWanted(a, new DateTimeOffset(until, TimeSpan.Zero)))
            {
                _wake.Wake();
            }
        };
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Volatile.Write(ref _sleepsUntil, Sweeping);
            var now = clock.GetUtcNow();
            var due = now + MaxSleep;
            try
            {
                if (await actions.SweepAsync(now, stoppingToken) is { } next && next < due)
                {
                    // Just past the deadline: a request expires when the time is beyond its expiry.
                    due = next + TimeSpan.FromMilliseconds(1);
                }
                _health.PassSucceeded(now);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                due = now + _health.PassFailed(e);
            }
            Volatile.Write(ref _sleepsUntil, due.UtcTicks);
            await _wake.WaitAsync(due, stoppingToken);
        }
    }
}
