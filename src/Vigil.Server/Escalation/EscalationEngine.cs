using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Config;
using Vigil.Server.Hosting;

namespace Vigil.Server.Escalation;

/// <summary>
/// Runs due escalation steps. All its state is in the <c>pages</c> table: it reads the pages whose
/// <c>next_step_at</c> has passed and claims each step with a conditional UPDATE (in the transaction that queues
/// the step's notifications), so after a restart it carries on where the database says, and two nodes never
/// run the same step. It looks every <see cref="EscalationOptions.PollInterval"/> of the injected clock,
/// whenever a page changes, and at the earliest <c>next_step_at</c> when that comes before the next tick. One page
/// whose step fails is logged, shown with its error and put off by a backoff; the other pages step as usual.
/// </summary>
internal sealed class EscalationEngine(PageStore store, PageService pages, ConfigHolder config, TimeProvider clock, ILogger<EscalationEngine> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    /// <summary>Deadlines are stored to the millisecond: waking this much after one makes sure it has passed.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(1);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly LoopHealth _health = new("escalation", logger);

    /// <summary>Why the engine could not run the page's last due step (it retries after a backoff), or null.</summary>
    public string? ErrorOf(long pageId) => _health.ErrorOf(Key(pageId));

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
            List<StepDraft> ran;
            try
            {
                ran = await StepAllAsync(due, now, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One page may be what failed the batch: step each in its own transaction, so the others still escalate.
                ran = await StepEachAsync(due, now, ct).ConfigureAwait(false);
            }
            total += ran.Count;
            pages.AfterSteps(ran);
            if (due.Count < BatchSize || ran.Count == 0)
            {
                return total;
            }
        }
    }

    private async Task<List<StepDraft>> StepAllAsync(IReadOnlyList<Page> due, DateTimeOffset now, CancellationToken ct)
    {
        // Signing links and building messages happen before the transaction: the writer is held for the statements only.
        var drafts = await pages.DraftStepsAsync(due, now, ct).ConfigureAwait(false);
        var stepped = await store.Database.WriteAsync((conn, tx) => pages.StepManyAsync(conn, tx, drafts, ct), ct).ConfigureAwait(false);
        foreach (var step in stepped)
        {
            EscalationMetrics.StepLagSeconds.Observe(Math.Max(0, (now - step.Page.NextStepAt!.Value).TotalSeconds));
        }
        foreach (var page in due)
        {
            _health.ItemSucceeded(Key(page.Id), $"page {page.Id}");
        }
        return stepped;
    }

    private async Task<List<StepDraft>> StepEachAsync(IReadOnlyList<Page> due, DateTimeOffset now, CancellationToken ct)
    {
        var ran = new List<StepDraft>();
        foreach (var page in due)
        {
            try
            {
                ran.AddRange(await StepAllAsync([page], now, ct).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var retry = _health.ItemFailed(Key(page.Id), $"page {page.Id}", e, now);
                await store.DeferAsync(page, now + retry, ct).ConfigureAwait(false);
            }
        }
        return ran;
    }

    private static string Key(long pageId) => pageId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        pages.Changed += Wake;
        using var timer = new PeriodicTimer(config.Current.Escalation.PollInterval, clock);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                DateTimeOffset? nextDue = null;
                try
                {
                    var started = clock.GetUtcNow();
                    await RunDueAsync(stoppingToken).ConfigureAwait(false);
                    // Every step due at the start was run or could not be (its policy is gone: the tick retries those).
                    nextDue = await store.NextDueAfterAsync(started, stoppingToken).ConfigureAwait(false);
                    _health.PassSucceeded(started);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    nextDue = clock.GetUtcNow() + _health.PassFailed(e);
                }
                var woken = _wake.Reader.WaitToReadAsync(stoppingToken).AsTask();
                using var early = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var wait = nextDue is { } at ? at - clock.GetUtcNow() + Margin : Timeout.InfiniteTimeSpan;
                // A step due before the next tick runs at its deadline (at once if that passed during the run above),
                // not up to a poll interval late.
                var due = nextDue is not null && wait < config.Current.Escalation.PollInterval
                    ? ClockDeadline.DelayUntilAsync(clock, nextDue.Value + Margin, early.Token)
                    : Task.Delay(Timeout.InfiniteTimeSpan, clock, early.Token);
                if (await Task.WhenAny(tick, woken, due).ConfigureAwait(false) == tick)
                {
                    await tick.ConfigureAwait(false);
                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                }
                await early.CancelAsync().ConfigureAwait(false);
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
}
