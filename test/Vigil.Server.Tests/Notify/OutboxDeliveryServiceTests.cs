using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Server.Config;
using Vigil.Server.Notify;
using Vigil.Server.Notify.Integrations;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Notify;

public sealed partial class OutboxDeliveryServiceTests : IAsyncDisposable
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
    private HttpClients? _clients;
    private OutboxDeliveryService? _service;

    public async ValueTask DisposeAsync()
    {
        // The receiver first: a request it holds ends now rather than after the worker's grace at stop.
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
        if (_service is not null)
        {
            await _service.StopAsync(CancellationToken.None);
            _service.Dispose();
        }
        _http.Dispose();
        _clients?.Dispose();
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
        _receiver = await LoopbackReceiver.StartAsync();
        var (outbox, receiver) = await StartAsync(engine, options, Receivers(("stuck-team", "stuck"), ("healthy-team", "ok")));
        receiver.Hang("stuck");
        for (var i = 0; i < 6; i++)
        {
            await EnqueueAsync(outbox, "stuck-team", receiver.Url("stuck"), "receiver:webhook");
        }
        await Eventually.GetAsync(() => Task.FromResult(receiver.Received("stuck").Count), n => n == 2);

        var id = await EnqueueAsync(outbox, "healthy-team", receiver.Url("ok"), "receiver:webhook");
        var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.State == OutboxState.Delivered, TimeSpan.FromSeconds(5));

        Assert.Equal(OutboxState.Delivered, item!.State);
        Assert.Equal(2, receiver.Received("stuck").Count);
        Assert.Equal(6, (await outbox.ListAsync(OutboxState.Pending, "stuck-team", cancellationToken: TestContext.Current.CancellationToken)).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ManyPagesThroughOneReceiverToOneUrl_AreSentConcurrentlyUpToThePerTargetLimit_NotTheReceiversSlots(string engine)
    {
        var options = new OutboxDeliveryOptions { RequestTimeout = TimeSpan.FromMinutes(1), MaxConcurrencyPerReceiver = 2, MaxConcurrencyPerTarget = 6 };
        var (outbox, receiver) = await StartAsync(engine, options);
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.On("page-alice", async (_, ct) =>
        {
            await open.Task.WaitAsync(ct);
            return 200;
        });
        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await EnqueueAsync(outbox, "ops", receiver.Url("page-alice"), groupKey: $"page:{i}"));
        }

        // Six requests wait at alice's endpoint at once (more than the receiver's two slots); the other four are not sent
        // while they wait, and a page to bob through the same receiver still goes out.
        await Eventually.GetAsync(() => Task.FromResult(receiver.Received("page-alice").Count), n => n == 6);
        var bob = await EnqueueAsync(outbox, "ops", receiver.Url("page-bob"), groupKey: "page:bob");
        Assert.Equal(OutboxState.Delivered, (await Eventually.GetAsync(() => outbox.GetAsync(bob), m => m!.State == OutboxState.Delivered))!.State);
        Assert.Equal(6, receiver.Received("page-alice").Count);

        open.SetResult();
        foreach (var id in ids)
        {
            var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.State == OutboxState.Delivered);
            Assert.Equal((OutboxState.Delivered, 1), (item!.State, item.Attempts));
        }
        Assert.Equal(10, receiver.Received("page-alice").Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task HangingPersonEndpoint_HoldsOnlyItsOwnSlots_OtherPeoplesPagesStillGoOut(string engine)
    {
        var options = new OutboxDeliveryOptions { RequestTimeout = TimeSpan.FromMinutes(1), MaxConcurrencyPerTarget = 3 };
        var (outbox, receiver) = await StartAsync(engine, options);
        receiver.Hang("page-alice");
        for (var i = 0; i < 8; i++)
        {
            await EnqueueAsync(outbox, "ops", receiver.Url("page-alice"), groupKey: $"page:{i}");
        }
        await Eventually.GetAsync(() => Task.FromResult(receiver.Received("page-alice").Count), n => n == 3);

        var bobs = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            bobs.Add(await EnqueueAsync(outbox, "ops", receiver.Url("page-bob"), groupKey: $"page:b{i}"));
        }
        foreach (var id in bobs)
        {
            Assert.Equal(OutboxState.Delivered, (await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.State == OutboxState.Delivered))!.State);
        }
        Assert.Equal(3, receiver.Received("page-alice").Count);
        Assert.Equal(8, (await outbox.ListAsync(OutboxState.Pending, "ops", cancellationToken: TestContext.Current.CancellationToken)).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task MessagesAddedForAFullTarget_RunNoClaimUntilItFrees_WhileAnotherTargetsMessageGoesOutAtOnce(string engine)
    {
        // The poll would only run in an hour: every claim here comes from news of messages or a freed slot.
        var options = new OutboxDeliveryOptions { RequestTimeout = TimeSpan.FromMinutes(1), MaxConcurrencyPerTarget = 2, PollInterval = TimeSpan.FromHours(1) };
        var (outbox, receiver) = await StartAsync(engine, options);
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.On("page-alice", async (_, ct) =>
        {
            await open.Task.WaitAsync(ct);
            return 200;
        });
        var alice = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            alice.Add(await EnqueueAsync(outbox, "ops", receiver.Url("page-alice"), groupKey: $"page:{i}"));
        }
        // Two requests wait at alice's endpoint and at least two more are claimed behind them: her place is full.
        await Eventually.GetAsync(() => Task.FromResult(receiver.Received("page-alice").Count), n => n == 2);
        long claims;
        do
        {
            claims = _service!.ClaimsRun;
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }
        while (_service.ClaimsRun != claims); // the claims of those six enqueues are over

        // More pages to alice (an escalation step's news): a claim would only skip them, so none runs.
        for (var i = 6; i < 10; i++)
        {
            alice.Add(await EnqueueForAsync(outbox, "ops", receiver.Url("page-alice"), groupKey: $"page:{i}"));
        }
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(claims, _service.ClaimsRun);

        // A page to bob is news of another place: it is claimed and sent while alice still hangs.
        var bob = await EnqueueForAsync(outbox, "ops", receiver.Url("page-bob"), groupKey: "page:bob");
        Assert.Equal(OutboxState.Delivered, (await Eventually.GetAsync(() => outbox.GetAsync(bob), m => m!.State == OutboxState.Delivered))!.State);
        Assert.Equal(2, receiver.Received("page-alice").Count);

        // Once alice answers, her freed slots bring every one of her pages out, without the poll.
        open.SetResult();
        foreach (var id in alice)
        {
            var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.State == OutboxState.Delivered);
            Assert.Equal((OutboxState.Delivered, 1), (item!.State, item.Attempts));
        }
        Assert.Equal(10, receiver.Received("page-alice").Count);
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

    private async Task<(OutboxStore Outbox, LoopbackReceiver Receiver)> StartAsync(string engine, OutboxDeliveryOptions options,
        Func<LoopbackReceiver, IntegrationDelivery>? integrations = null, TimeProvider? clock = null)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        _receiver ??= await LoopbackReceiver.StartAsync();
        _service = new OutboxDeliveryService(outbox, _http, clock ?? TimeProvider.System, NullLogger<OutboxDeliveryService>.Instance, options,
            integrations: integrations?.Invoke(_receiver));
        await _service.StartAsync(TestContext.Current.CancellationToken);
        return (outbox, _receiver);
    }

    /// <summary>Receivers with one webhook integration each, to the loopback receiver's endpoint of the given name.</summary>
    private Func<LoopbackReceiver, IntegrationDelivery> Receivers(params (string Name, string Endpoint)[] receivers) => loopback =>
    {
        var yaml = new StringBuilder("route:\n  receiver: " + receivers[0].Name + "\nreceivers:\n");
        foreach (var (name, endpoint) in receivers)
        {
            yaml.Append($"  - name: {name}\n    webhook_configs:\n      - url: {loopback.Url(endpoint)}\n");
        }
        _clients = new HttpClients(TimeProvider.System);
        return new IntegrationDelivery(new ConfigHolder(ConfigLoader.Load(yaml.ToString(), "vigil.yaml"), null), _clients, [new WebhookNotifier()],
            TimeProvider.System);
    };

    private async Task<long> EnqueueAsync(OutboxStore outbox, string receiver, string url, string integration = "webhook", string groupKey = "{}:{alertname=\"A\"}")
    {
        var message = Message(receiver, url, integration, groupKey);
        var id = await outbox.EnqueueAsync(message, null, TestContext.Current.CancellationToken);
        _service!.Notify();
        return id!.Value;
    }

    /// <summary>
    /// A message to the receiver's endpoint <paramref name="name"/>, which holds each request until the returned source is
    /// set and then answers 200; returns once the receiver holds the message.
    /// </summary>
    private async Task<(long Id, TaskCompletionSource Answer)> EnqueueHeldAsync(OutboxStore outbox, LoopbackReceiver receiver, string name)
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.On(name, async (_, ct) =>
        {
            await answer.Task.WaitAsync(ct);
            return 200;
        });
        var id = await EnqueueAsync(outbox, "team-a", receiver.Url(name));
        await Eventually.GetAsync(() => Task.FromResult(receiver.Received(name).Count), n => n == 1);
        return (id, answer);
    }

    /// <summary>Like <see cref="EnqueueAsync"/>, telling the worker of this message only (<see cref="OutboxDeliveryService.NotifyFor"/>), as an escalation step does.</summary>
    private async Task<long> EnqueueForAsync(OutboxStore outbox, string receiver, string url, string groupKey)
    {
        var message = Message(receiver, url, "webhook", groupKey);
        var id = await outbox.EnqueueAsync(message, null, TestContext.Current.CancellationToken);
        _service!.NotifyFor([message]);
        return id!.Value;
    }

    private static OutboxMessage Message(string receiver, string url, string integration, string groupKey) =>
        new(receiver, 0, url, groupKey, Encoding.UTF8.GetBytes($"{{\"receiver\":\"{receiver}\"}}"), TimeProvider.System.GetUtcNow(), Integration: integration);
}
