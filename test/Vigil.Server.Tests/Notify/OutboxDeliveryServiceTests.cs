using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Server.Notify;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Notify;

public sealed class OutboxDeliveryServiceTests : IAsyncDisposable
{
    private static readonly OutboxDeliveryOptions FastOptions = new()
    {
        QuickRetries = 2,
        QuickRetryDelay = TimeSpan.FromMilliseconds(10),
        RetryBaseDelay = TimeSpan.FromMinutes(1),
        PollInterval = TimeSpan.FromMilliseconds(200),
    };

    private readonly TestDatabases _dbs = new();
    private readonly HttpClient _http = new();
    private LoopbackReceiver? _receiver;
    private OutboxDeliveryService? _service;

    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.StopAsync(CancellationToken.None);
            _service.Dispose();
        }
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
        _http.Dispose();
        await _dbs.DisposeAsync();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ReceiverFailingOnceWith500_GetsTheMessageOnTheRetry_AndBothAttemptsAreRecorded(string engine)
    {
        var (outbox, receiver) = await StartAsync(engine, FastOptions);
        receiver.On("flaky", (n, _) => Task.FromResult(n == 1 ? 500 : 200));

        var id = await EnqueueAsync(outbox, "team-a", receiver.Url("flaky"));
        var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.State != OutboxState.Pending);

        Assert.Equal(OutboxState.Delivered, item!.State);
        Assert.Equal(2, item.Attempts);
        Assert.Equal([500, 200], (await outbox.GetAttemptsAsync(id, TestContext.Current.CancellationToken)).Select(a => a.StatusCode));
        var got = receiver.Received("flaky");
        Assert.Equal(2, got.Count);
        Assert.All(got, r => Assert.Equal("{\"receiver\":\"team-a\"}", r.Body));
        Assert.All(got, r => Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ReceiverAnswering400_FailsTheMessageWithoutRetry(string engine)
    {
        var (outbox, receiver) = await StartAsync(engine, FastOptions);
        receiver.On("bad", (_, _) => Task.FromResult(400));

        var id = await EnqueueAsync(outbox, "team-a", receiver.Url("bad"));
        var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.State != OutboxState.Pending);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        Assert.Equal((OutboxState.Failed, 1, "HTTP 400"), (item!.State, item.Attempts, item.LastError));
        Assert.Single(receiver.Received("bad"));
        Assert.Equal([400], (await outbox.GetAttemptsAsync(id, TestContext.Current.CancellationToken)).Select(a => a.StatusCode));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ReceiverStillFailingAfterQuickRetries_IsRetriedLaterWithBackoff(string engine)
    {
        var (outbox, receiver) = await StartAsync(engine, FastOptions);
        receiver.On("down", (_, _) => Task.FromResult(503));
        var before = TimeProvider.System.GetUtcNow();

        var id = await EnqueueAsync(outbox, "team-a", receiver.Url("down"));
        var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.LastError is not null);

        Assert.Equal((OutboxState.Pending, 3, "HTTP 503", (string?)null), (item!.State, item.Attempts, item.LastError, item.LeaseOwner));
        // Third attempt made: base 1 min × 2^2, less up to 20 % jitter.
        Assert.InRange(item.NextAttemptAt - before, TimeSpan.FromMinutes(3.1), TimeSpan.FromMinutes(4.1));
        Assert.Equal(3, (await outbox.GetAttemptsAsync(id, TestContext.Current.CancellationToken)).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ReceiverNotAnsweringInTime_CountsAsARetryableTimeout(string engine)
    {
        var options = new OutboxDeliveryOptions { QuickRetries = 0, RequestTimeout = TimeSpan.FromMilliseconds(200), RetryBaseDelay = TimeSpan.FromMinutes(1) };
        var (outbox, receiver) = await StartAsync(engine, options);
        receiver.Hang("slow");

        var id = await EnqueueAsync(outbox, "team-a", receiver.Url("slow"));
        var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.LastError is not null);

        Assert.Equal(OutboxState.Pending, item!.State);
        Assert.StartsWith("timed out", item.LastError, StringComparison.Ordinal);
        var attempt = Assert.Single(await outbox.GetAttemptsAsync(id, TestContext.Current.CancellationToken));
        Assert.Null(attempt.StatusCode);
        Assert.InRange(attempt.Duration, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task HangingReceiver_DoesNotDelayAnotherReceiver(string engine)
    {
        var options = new OutboxDeliveryOptions { RequestTimeout = TimeSpan.FromMinutes(1), MaxConcurrencyPerReceiver = 2 };
        var (outbox, receiver) = await StartAsync(engine, options);
        receiver.Hang("stuck");
        for (var i = 0; i < 6; i++)
        {
            await EnqueueAsync(outbox, "stuck-team", receiver.Url("stuck"));
        }
        await Eventually.GetAsync(() => Task.FromResult(receiver.Received("stuck").Count), n => n == 2);

        var id = await EnqueueAsync(outbox, "healthy-team", receiver.Url("ok"));
        var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.State == OutboxState.Delivered, TimeSpan.FromSeconds(5));

        Assert.Equal(OutboxState.Delivered, item!.State);
        Assert.Equal(2, receiver.Received("stuck").Count);
        Assert.Equal(6, (await outbox.ListAsync(OutboxState.Pending, "stuck-team", cancellationToken: TestContext.Current.CancellationToken)).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task NotifyAfterEnqueue_WakesTheWorker_WithoutWaitingForThePoll(string engine)
    {
        // The poll would only run in an hour: every delivery here comes from Notify().
        var (outbox, receiver) = await StartAsync(engine, new OutboxDeliveryOptions { PollInterval = TimeSpan.FromHours(1) });
        for (var i = 0; i < 30; i++)
        {
            await EnqueueAsync(outbox, "team-a", receiver.Url("fast"));
            await Eventually.GetAsync(() => Task.FromResult(receiver.Received("fast").Count), n => n == i + 1, TimeSpan.FromSeconds(5));
        }
        Assert.Equal(30, receiver.Received("fast").Count);
    }

    private async Task<(OutboxStore Outbox, LoopbackReceiver Receiver)> StartAsync(string engine, OutboxDeliveryOptions options)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        _receiver = await LoopbackReceiver.StartAsync();
        _service = new OutboxDeliveryService(outbox, _http, TimeProvider.System, NullLogger<OutboxDeliveryService>.Instance, options);
        await _service.StartAsync(TestContext.Current.CancellationToken);
        return (outbox, _receiver);
    }

    private async Task<long> EnqueueAsync(OutboxStore outbox, string receiver, string url)
    {
        var message = new OutboxMessage(receiver, 0, url, "{}:{alertname=\"A\"}",
            Encoding.UTF8.GetBytes($"{{\"receiver\":\"{receiver}\"}}"), TimeProvider.System.GetUtcNow());
        var id = await outbox.EnqueueAsync(message, null, TestContext.Current.CancellationToken);
        _service!.Notify();
        return id!.Value;
    }
}
