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
/// Delivery is at least once: a crash between a receiver's answer and the commit sends again. A stop is not a crash:
/// requests already under way get <see cref="OutboxDeliveryOptions.StopGrace"/> to finish and have their outcome stored,
/// so a restart does not send again what a receiver already took; nothing new is sent once the stop began.
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
    private readonly ConcurrentDictionary<long, InFlight> _inFlight = new();
    private readonly Lock _newsGate = new();
    private long _news;
    private HashSet<(bool Receiver, string Name)>? _dueOnlyAt;
    private long _claimsRun;
    private CancellationToken? _stopping;
    private CancellationToken _sending;

    internal OutboxDeliveryService(OutboxStore store, HttpClient http, TimeProvider clock, ILogger<OutboxDeliveryService> logger,
        OutboxDeliveryOptions? options = null, Email.EmailSender? email = null, Integrations.IntegrationDelivery? integrations = null)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        _options = options ?? new OutboxDeliveryOptions();
        _slots = new DeliverySlots(_options, Wake);
        _delivery = new OutboxDelivery(new OutboxCompletions(store, _options.Owner, logger,
            busy: () => _inFlight.Count >= _options.CompletionGatherInFlight, gather: _options.CompletionGather), http, clock, logger, _options, email, integrations);
    }

    /// <summary>Claims this worker has run against the database (for tests).</summary>
    internal long ClaimsRun => Interlocked.Read(ref _claimsRun);

    /// <summary>Asks the worker to look for due messages now. Cheap; call it after every enqueue.</summary>
    public void Notify()
    {
        lock (_newsGate)
        {
            _news++;
            _dueOnlyAt = null;
        }
        Wake();
    }

    /// <summary>
    /// Like <see cref="Notify"/> after adding <paramref name="messages"/> (only): when the last claim showed that every
    /// message due was at places (receivers or target URLs) that are full, and these go to such places too, the worker
    /// need not look again before one of them frees a slot.
    /// </summary>
    public void NotifyFor(IEnumerable<OutboxMessage> messages)
    {
        lock (_newsGate)
        {
            if (_dueOnlyAt is null || !messages.All(m => _dueOnlyAt.Contains(DeliverySlots.PlaceOf(m))))
            {
                _news++;
                _dueOnlyAt = null;
            }
        }
        Wake();
    }

    /// <summary>Wakes the worker for room that came free (a slot, an in-flight place): no new message, so what it knows of them holds.</summary>
    private void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// Whether a claim now could find nothing: the last claim left due messages only at places that are all still full
    /// (and nothing was added elsewhere since). Such a claim would scan every pending row to skip them all; with 10,000
    /// pages to one URL that is milliseconds of the database's single writer, once after every claim.
    /// </summary>
    private bool NothingClaimable(HashSet<(bool Receiver, string Name)> busy)
    {
        lock (_newsGate)
        {
            return _dueOnlyAt is { } places && places.IsSubsetOf(busy);
        }
    }

    /// <summary>After a claim that took all it found: what is still due is at <paramref name="places"/> only, unless news came in meanwhile.</summary>
    private void DueOnlyAt(HashSet<(bool Receiver, string Name)> places, long newsBefore)
    {
        lock (_newsGate)
        {
            if (_news == newsBefore)
            {
                _dueOnlyAt = places;
            }
        }
    }

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
        // Requests under way when the stop begins are cut only a grace period later (see the class summary).
        using var sending = new CancellationTokenSource();
        using var graceAtStop = stoppingToken.Register(() => sending.CancelAfter(_options.StopGrace));
        _sending = sending.Token;
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
                    Notify(); // look everywhere again after the pause
                    OutboxLog.LoopFailed(_logger, ex);
                    await Task.Delay(_options.PollInterval, _clock, stoppingToken).ConfigureAwait(false);
                }
                await _wake.Reader.ReadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: requests under way finish within the grace (awaited below); claimed messages not yet sent stay
            // leased to this node, which takes them back at its next start (other nodes once the lease runs out).
        }
        finally
        {
            await Task.WhenAll(_inFlight.Values.Select(static f => f.Task)).ConfigureAwait(false);
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
            var busy = _slots.Busy();
            if (NothingClaimable(busy))
            {
                return; // a slot freed at one of those places, or news elsewhere, wakes the worker again
            }
            long newsBefore;
            lock (_newsGate)
            {
                newsBefore = _news;
            }
            Interlocked.Increment(ref _claimsRun);
            var now = _clock.GetUtcNow();
            var claimed = await _store.ClaimDueAsync(_options.Owner, now, _options.Lease, room,
                [.. busy.Where(p => p.Receiver).Select(p => p.Name)], [.. busy.Where(p => !p.Receiver).Select(p => p.Name)], LapsedInFlight(now), stoppingToken)
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
                // Everything claimable was taken: what is still due waits at the places skipped or just filled.
                busy.UnionWith(claimed.Select(DeliverySlots.PlaceOf));
                DueOnlyAt(busy, newsBefore);
                return;
            }
        }
    }

    /// <summary>
    /// The messages this worker is still sending whose lease ran out by <paramref name="now"/>: the clock stepped forward
    /// past it (an NTP correction, a VM resumed from a pause) while the receiver held the request. The claim must not hand
    /// them out again, here or as the next attempt: that would send them twice. Null when there are none, as is usual.
    /// (Another node may still take them, as it takes any message whose lease ran out: at least once, docs/durability.md.)
    /// </summary>
    private List<long>? LapsedInFlight(DateTimeOffset now)
    {
        List<long>? lapsed = null;
        foreach (var (id, flight) in _inFlight)
        {
            if (flight.LeaseUntil is { } until && until <= now)
            {
                (lapsed ??= []).Add(id);
            }
        }
        return lapsed;
    }

    private void Start(OutboxItem item, CancellationToken stoppingToken)
    {
        _slots.Claimed(item);
        var task = RunAsync(item, stoppingToken);
        _inFlight[item.Id] = new InFlight(task, item.LeaseUntil);
        _ = task.ContinueWith(_ =>
        {
            if (_inFlight.TryRemove(item.Id, out InFlight _) && _inFlight.Count == _options.MaxInFlight - 1)
            {
                Wake(); // claims stopped while every in-flight place was taken; look again
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
            if (stoppingToken.IsCancellationRequested)
            {
                return; // not sent: it stays leased and is taken back at the next start
            }
            await _delivery.DeliverAsync(item, slot, _sending, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            OutboxLog.DeliveryCrashed(_logger, item.Id, ex);
        }
    }

    /// <summary>A message this worker is sending: the task that sends it and the lease it was claimed under.</summary>
    private readonly record struct InFlight(Task Task, DateTimeOffset? LeaseUntil);
}
