using System.Collections.Concurrent;
using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

/// <summary>
/// How many requests may go to one place at once. A receiver's integrations (messages its configuration renders at send
/// time, <c>receiver:KIND</c>) share the receiver's <see cref="OutboxDeliveryOptions.MaxConcurrencyPerReceiver"/> slots,
/// as before; every other message (pages, vendor tickets, reminders: sent as stored to a person's or vendor's own URL)
/// shares its target URL's <see cref="OutboxDeliveryOptions.MaxConcurrencyPerTarget"/> slots, so 10,000 people paged
/// through one receiver are not sent four at a time, and one person's hanging endpoint holds only its own slots.
/// While a place's slots are all taken by claimed messages, claims skip it (<see cref="Busy"/>).
/// </summary>
internal sealed class DeliverySlots(OutboxDeliveryOptions options, Action freed)
{
    private readonly ConcurrentDictionary<(bool Receiver, string Name), SemaphoreSlim> _slots = new();
    private readonly ConcurrentDictionary<(bool Receiver, string Name), int> _claimed = new();

    /// <summary>Counts a claimed message against its place until its slot is freed.</summary>
    public void Claimed(OutboxItem item) => _claimed.AddOrUpdate(KeyOf(item), 1, static (_, n) => n + 1);

    /// <summary>
    /// Waits for a free slot of the claimed message's place; dispose the result once the request is done (before its
    /// outcome is stored: the place can take the next request meanwhile).
    /// </summary>
    public async Task<IDisposable> EnterAsync(OutboxItem item, CancellationToken ct)
    {
        var key = KeyOf(item);
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

    /// <summary>Whether the message's place has a slot no claimed message counts against.</summary>
    public bool HasRoom(OutboxItem item)
    {
        var key = KeyOf(item);
        return _claimed.GetValueOrDefault(key) < LimitOf(key);
    }

    /// <summary>Receivers and target URLs whose slots are all taken by claimed messages: claims leave their messages alone.</summary>
    public (string[] Receivers, string[] Targets) Busy()
    {
        var full = _claimed.Where(kv => kv.Value >= LimitOf(kv.Key)).Select(kv => kv.Key).ToArray();
        return ([.. full.Where(k => k.Receiver).Select(k => k.Name)], [.. full.Where(k => !k.Receiver).Select(k => k.Name)]);
    }

    private void Unclaim((bool Receiver, string Name) key)
    {
        if (_claimed.AddOrUpdate(key, 0, static (_, n) => n - 1) == LimitOf(key) - 1)
        {
            freed(); // the place was full, so claims skipped it and may have left messages behind: look again
        }
    }

    private static (bool Receiver, string Name) KeyOf(OutboxItem item) =>
        Integrations.IntegrationDelivery.Handles(item) ? (true, item.Receiver) : (false, item.TargetUrl);

    private int LimitOf((bool Receiver, string Name) key) => key.Receiver ? options.MaxConcurrencyPerReceiver : options.MaxConcurrencyPerTarget;

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
