using System.Collections.Concurrent;
using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

/// <summary>
/// How many requests may go to one place at once. A receiver's integrations (messages its configuration renders at send
/// time, <c>receiver:KIND</c>) share the receiver's <see cref="OutboxDeliveryOptions.MaxConcurrencyPerReceiver"/> slots,
/// as before; every other message (pages, vendor tickets, reminders: sent as stored to a person's or vendor's own URL)
/// shares its target URL's <see cref="OutboxDeliveryOptions.MaxConcurrencyPerTarget"/> slots, so 10,000 people paged
/// through one receiver are not sent four at a time, and one person's hanging endpoint holds only its own slots.
/// A place takes claimed messages up to twice its slots: the second set waits here for a slot, so the next claim has
/// the time of one full set of requests to get through the database (on SQLite it waits behind whatever write runs,
/// an escalation batch, say) before the place runs dry. Once that many are claimed, claims skip it (<see cref="Busy"/>).
/// </summary>
internal sealed class DeliverySlots(OutboxDeliveryOptions options, Action freed)
{
    private readonly ConcurrentDictionary<(bool Receiver, string Name), SemaphoreSlim> _slots = new();
    private readonly ConcurrentDictionary<(bool Receiver, string Name), int> _claimed = new();

    /// <summary>Counts a claimed message against its place until its slot is freed.</summary>
    public void Claimed(OutboxItem item) => _claimed.AddOrUpdate(PlaceOf(item), 1, static (_, n) => n + 1);

    /// <summary>
    /// Waits for a free slot of the claimed message's place; dispose the result once the request is done (before its
    /// outcome is stored: the place can take the next request meanwhile).
    /// </summary>
    public async Task<IDisposable> EnterAsync(OutboxItem item, CancellationToken ct)
    {
        var key = PlaceOf(item);
        var slots = _slots.GetOrAdd(key, k => new SemaphoreSlim(LimitOf(k)));
        try
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            Unclaim(key);
            throw;
        }
        return new Slot(this, key, slots);
    }

    /// <summary>Whether the message's place can take one more claimed message.</summary>
    public bool HasRoom(OutboxItem item)
    {
        var key = PlaceOf(item);
        return _claimed.GetValueOrDefault(key) < CapacityOf(key);
    }

    /// <summary>Receivers and target URLs that hold as many claimed messages as they take: claims leave their messages alone.</summary>
    public HashSet<(bool Receiver, string Name)> Busy() => [.. _claimed.Where(kv => kv.Value >= CapacityOf(kv.Key)).Select(kv => kv.Key)];

    /// <summary>The place a claimed message counts against.</summary>
    public static (bool Receiver, string Name) PlaceOf(OutboxItem item) => Place(item.Integration, item.Receiver, item.TargetUrl);

    /// <summary>The place a message about to be added will count against once claimed.</summary>
    public static (bool Receiver, string Name) PlaceOf(OutboxMessage message) => Place(message.Integration, message.Receiver, message.TargetUrl);

    private void Unclaim((bool Receiver, string Name) key)
    {
        if (_claimed.AddOrUpdate(key, 0, static (_, n) => n - 1) == CapacityOf(key) - 1)
        {
            freed(); // the place was full, so claims skipped it and may have left messages behind: look again
        }
    }

    private static (bool Receiver, string Name) Place(string integration, string receiver, string targetUrl) =>
        Integrations.IntegrationDelivery.Handles(integration) ? (true, receiver) : (false, targetUrl);

    private int LimitOf((bool Receiver, string Name) key) => key.Receiver ? options.MaxConcurrencyPerReceiver : options.MaxConcurrencyPerTarget;

    /// <summary>Claimed messages a place takes: its slots and one more set waiting for them.</summary>
    private int CapacityOf((bool Receiver, string Name) key) => 2 * LimitOf(key);

    private sealed class Slot(DeliverySlots owner, (bool Receiver, string Name) key, SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
                owner.Unclaim(key);
            }
        }
    }
}
