using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Config;

namespace Vigil.Server.Escalation;

/// <summary>
/// Runs due escalation steps. All its state is in the <c>pages</c> table: it reads the pages whose
/// <c>next_step_at</c> has passed and claims each step with a conditional UPDATE (in the transaction that queues
/// the step's notifications), so after a restart it carries on where the database says, and two nodes never
/// run the same step. It looks every <see cref="EscalationOptions.PollInterval"/> of the injected clock and
/// whenever a page changes.
/// </summary>
internal sealed partial class EscalationEngine(PageStore store, PageService pages, ConfigHolder config, TimeProvider clock, ILogger<EscalationEngine> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Runs every step due now; returns how many ran. Public for tests and the benchmark.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var due = await store.DueAsync(now, BatchSize, ct).ConfigureAwait(false);
            if (due.Count == 0)
            {
                return total;
            }
            var ran = await store.Database.WriteAsync(async (conn, tx) =>
            {
                var n = 0;
                foreach (var page in due)
                {
                    if (await pages.StepAsync(conn, tx, page, now, ct).ConfigureAwait(false))
                    {
                        EscalationMetrics.StepLagSeconds.Observe(Math.Max(0, (now - page.NextStepAt!.Value).TotalSeconds));
                        n++;
                    }
                }
                return n;
            }, ct).ConfigureAwait(false);
            total += ran;
            if (ran > 0)
            {
                pages.AfterWrite(true);
            }
            if (due.Count < BatchSize || ran == 0)
            {
                return total;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        pages.Changed += Wake;
        using var timer = new PeriodicTimer(config.Current.Escalation.PollInterval, clock);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunDueAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(e);
                }
                var woken = _wake.Reader.WaitToReadAsync(stoppingToken).AsTask();
                if (await Task.WhenAny(tick, woken).ConfigureAwait(false) == tick)
                {
                    await tick.ConfigureAwait(false);
                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                }
                _wake.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            pages.Changed -= Wake;
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation run failed; trying again at the next tick")]
    private partial void LogFailed(Exception e);
}
