namespace Vigil.Server.Hosting;

/// <summary>
/// The loop of a background service driven by passes: run a pass, record it on the loop's health, sleep until the time
/// the pass asked for (or until woken), again — a failed pass is logged and counted, and retried after the health's
/// backoff. Returns when <paramref name="stoppingToken"/> is cancelled.
/// </summary>
internal static class PassLoop
{
    /// <param name="pass">One pass; returns when the next is due (null: only when woken).</param>
    public static async Task RunAsync(LoopHealth health, WakeSignal wake, TimeProvider clock,
        Func<CancellationToken, Task<DateTimeOffset?>> pass, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                DateTimeOffset? next;
                try
                {
                    next = await pass(stoppingToken).ConfigureAwait(false);
                    health.PassSucceeded(clock.GetUtcNow());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    next = clock.GetUtcNow() + health.PassFailed(e);
                }
                await wake.WaitAsync(next, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
