using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

/// <summary>
/// Delivers the outbox. Wakes when <see cref="Notify"/> is called (right after an enqueue, so a
/// first notification leaves within a millisecond or two) or every
/// <see cref="OutboxDeliveryOptions.PollInterval"/> for due retries; claims due messages under a lease
/// and sends them concurrently. A slow or failing receiver (or, for pages and other messages sent to a person's or
/// vendor's own URL, that URL) only ever holds its own slots (<see cref="DeliverySlots"/>): while they are full its
/// messages are not claimed, and every request has a time limit. Outcomes are stored group-committed
/// (<see cref="OutboxCompletions"/>).
/// Delivery is at least once: a crash between a receiver's answer and the commit sends again.
/// </summary>
public sealed class OutboxDeliveryService : BackgroundService
{
    private readonly OutboxStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxDeliveryService> _logger;
    private readonly OutboxDeliveryOptions _options;
    private readonly OutboxDelivery _delivery;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly DeliverySlots _slots;
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private CancellationToken? _stopping;

    internal OutboxDeliveryService(OutboxStore store, HttpClient http, TimeProvider clock, ILogger<OutboxDeliveryService> logger,
        OutboxDeliveryOptions? options = null, Email.EmailSender? email = null, Integrations.IntegrationDelivery? integrations = null)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        _options = options ?? new OutboxDeliveryOptions();
        _slots = new DeliverySlots(_options, Notify);
        _delivery = new OutboxDelivery(new OutboxCompletions(store, _options.Owner, logger), http, clock, logger, _options, email, integrations);
    }

    /// <summary>Asks the worker to look for due messages now. Cheap; call it after every enqueue.</summary>
    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// The lease under which a message about to be added may be sent by this worker as soon as its transaction commits
    /// (<see cref="StartLeased"/>), skipping the claim: when the worker runs and has room for it, in flight and at its
    /// receiver or target. Null otherwise: the message is claimed as usual.
    /// </summary>
    public OutboxLease? LeaseForNew(OutboxMessage message)
    {
        if (_stopping is not { IsCancellationRequested: false } || _inFlight.Count >= _options.MaxInFlight)
        {
            return null;
        }
        var lease = new OutboxLease(_options.Owner, _clock.GetUtcNow() + _options.Lease);
        return _slots.HasRoom(lease.ItemOf(message, 0)) ? lease : null;
    }

    /// <summary>Sends a message whose row was added under a lease from <see cref="LeaseForNew"/>, once that row committed.</summary>
    public void StartLeased(OutboxItem item)
    {
        if (_stopping is { } stopping)
        {
            Start(item, stopping);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var ticker = TickAsync(stoppingToken);
        try
        {
            try
            {
                var released = await _store.ReleaseLeasesOfNodeAsync(_options.Node, stoppingToken).ConfigureAwait(false);
                if (released > 0)
                {
                    OutboxLog.LeasesReleased(_logger, released);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                OutboxLog.LoopFailed(_logger, ex); // not fatal: those messages wait for their leases to run out
            }
            while (true)
            {
                try
                {
                    await ClaimAndStartAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    OutboxLog.LoopFailed(_logger, ex);
                    await Task.Delay(_options.PollInterval, _clock, stoppingToken).ConfigureAwait(false);
                }
                await _wake.Reader.ReadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: in-flight requests are cancelled; their leases run out and they are sent again later.
        }
        finally
        {
            await Task.WhenAll(_inFlight.Values).ConfigureAwait(false);
            await ticker.ConfigureAwait(false);
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Notify();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        // Claim until nothing more is due or every slot is taken.
        while (true)
        {
            var room = Math.Min(_options.ClaimBatchSize, _options.MaxInFlight - _inFlight.Count);
            if (room <= 0)
            {
                return;
            }
            var (busyReceivers, busyTargets) = _slots.Busy();
            var claimed = await _store.ClaimDueAsync(_options.Owner, _clock.GetUtcNow(), _options.Lease, room, busyReceivers, busyTargets, stoppingToken)
                .ConfigureAwait(false);
            foreach (var item in claimed)
            {
                if (item.State == OutboxState.Superseded)
                {
                    continue; // closed by the claim, not leased
                }
                Start(item, stoppingToken);
            }
            if (claimed.Count < room)
            {
                return;
            }
        }
    }

    private void Start(OutboxItem item, CancellationToken stoppingToken)
    {
        _slots.Claimed(item);
        var task = RunAsync(item, stoppingToken);
        _inFlight[item.Id] = task;
        _ = task.ContinueWith(_ =>
        {
            if (_inFlight.TryRemove(item.Id, out Task? _) && _inFlight.Count == _options.MaxInFlight - 1)
            {
                Notify(); // claims stopped while every in-flight place was taken; look again
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunAsync(OutboxItem item, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            using var slot = await _slots.EnterAsync(item, stoppingToken).ConfigureAwait(false);
            // Sending after the lease could lapse mid-way would let another node send it too.
            var worstCase = _options.RequestTimeout * (_options.QuickRetries + 1) + _options.QuickRetryDelay * (1 << Math.Min(_options.QuickRetries, 10));
            if (item.LeaseUntil is { } until && _clock.GetUtcNow() + worstCase > until)
            {
                OutboxLog.LeaseLapsed(_logger, item.Id, item.Receiver);
                return;
            }
            await _delivery.DeliverAsync(item, slot, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            OutboxLog.DeliveryCrashed(_logger, item.Id, ex);
        }
    }
}
