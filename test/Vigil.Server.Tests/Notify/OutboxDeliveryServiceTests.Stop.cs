using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Server.Notify;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Notify;

/// <summary>What a stop does to deliveries under way: they finish within the grace, a quick retry's wait ends, and what the
/// grace cuts is sent again by the next start.</summary>
public sealed partial class OutboxDeliveryServiceTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StopWhileAReceiverIsAnswering_StoresItsOutcome_SoTheRestartDoesNotSendItAgain(string engine)
    {
        var (outbox, receiver) = await StartAsync(engine, FastOptions);
        var (id, answer) = await EnqueueHeldAsync(outbox, receiver, "slow");

        var stop = _service!.StopAsync(CancellationToken.None); // the stop begins while the receiver holds the request
        answer.SetResult();
        await stop;
        Assert.Equal(OutboxState.Delivered, (await outbox.GetAsync(id, TestContext.Current.CancellationToken))!.State);

        var restarted = await RestartAsync(outbox, FastOptions);
        await Eventually.GetAsync(() => Task.FromResult(restarted.ClaimsRun), n => n > 0);
        Assert.Single(receiver.Received("slow"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StopWhileAReceiverHangs_EndsAfterTheGrace_AndTheRestartSendsTheMessageAgain(string engine)
    {
        var options = new OutboxDeliveryOptions { RequestTimeout = TimeSpan.FromMinutes(1), StopGrace = TimeSpan.FromMilliseconds(300) };
        var (outbox, receiver) = await StartAsync(engine, options);
        receiver.On("stuck-then-ok", async (n, ct) =>
        {
            if (n == 1)
            {
                await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            return 200;
        });
        var id = await EnqueueAsync(outbox, "team-a", receiver.Url("stuck-then-ok"));
        await Eventually.GetAsync(() => Task.FromResult(receiver.Received("stuck-then-ok").Count), n => n == 1);

        await _service!.StopAsync(CancellationToken.None); // ends once the grace cut the request (the host would wait 30 s)
        Assert.Equal(OutboxState.Pending, (await outbox.GetAsync(id, TestContext.Current.CancellationToken))!.State);

        // At least once: what a stop cut is sent again by the same node's next run.
        await RestartAsync(outbox, options);
        var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.State == OutboxState.Delivered);
        Assert.Equal(OutboxState.Delivered, item!.State);
        Assert.Equal(2, receiver.Received("stuck-then-ok").Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StopWhileAFailedAttemptWaitsForItsQuickRetry_StoresTheAttempt_AndTheRetryIsDueLater(string engine)
    {
        // The quick retry would wait a minute; the stop's grace is longer than this test.
        var options = new OutboxDeliveryOptions
        {
            QuickRetryDelay = TimeSpan.FromMinutes(1),
            RetryBaseDelay = TimeSpan.FromMinutes(1),
            StopGrace = TimeSpan.FromMinutes(5),
        };
        var (outbox, receiver) = await StartAsync(engine, options);
        receiver.On("down", (_, _) => Task.FromResult(503));
        var id = await EnqueueAsync(outbox, "team-a", receiver.Url("down"));
        await Eventually.GetAsync(() => Task.FromResult(receiver.Received("down").Count), n => n == 1);

        await _service!.StopAsync(CancellationToken.None);

        var item = (await outbox.GetAsync(id, TestContext.Current.CancellationToken))!;
        Assert.Equal((OutboxState.Pending, 1, null), (item.State, item.Attempts, item.LeaseOwner));
        Assert.Equal([503], (await outbox.GetAttemptsAsync(id, TestContext.Current.CancellationToken)).Select(a => a.StatusCode));
        Assert.True(item.NextAttemptAt > TimeProvider.System.GetUtcNow(), "the retry is due later, not at the next start");
        Assert.Single(receiver.Received("down"));
    }

    /// <summary>A restart: the worker before has stopped already; a new one starts as the same node.</summary>
    private async Task<OutboxDeliveryService> RestartAsync(OutboxStore outbox, OutboxDeliveryOptions options)
    {
        _service!.Dispose();
        _service = new OutboxDeliveryService(outbox, _http, TimeProvider.System, NullLogger<OutboxDeliveryService>.Instance, options);
        await _service.StartAsync(TestContext.Current.CancellationToken);
        return _service;
    }
}
