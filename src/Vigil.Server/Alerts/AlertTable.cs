using System.Numerics;
using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>
/// The held alerts by fingerprint: an open-addressing table (linear probing) of alert references beside an array of
/// their fingerprints, two arrays and no object per entry. <c>ConcurrentDictionary</c> kept a 48-byte node per alert: at
/// a million alerts a million more objects for every collection to mark, and ~48 MB. A probe compares the fingerprints
/// array (eight to a cache line) and reads an alert only where its fingerprint matches: comparing each slot's
/// <c>alert.Fingerprint</c> cost a cache miss per slot probed, several per new alert in a large table. Changed by one
/// writer at a time (the caller holds its lock); read without locks: a reader works on the arrays it read, in which each
/// slot changes by one reference write (its fingerprint written before it), so it sees each alert in one version or the
/// other (and, after the table grew, the versions as of the growth).
/// </summary>
internal sealed class AlertTable
{
    private const int MinCapacity = 16;

    // Left where an alert was removed, so a probe for a fingerprint stored past it goes on. Never handed out.
    private static readonly Alert Removed = new(LabelSet.Empty, AnnotationSet.Empty, default, default, "", default, false);

    private Slots _slots;
    private int _count; // alerts held; written by the writer only, read by anyone
    private int _used;  // slots not null: alerts and removal marks; at most three quarters of the slots

    public AlertTable(int expected = 0)
    {
        _slots = new Slots(CapacityFor(expected));
    }

    /// <summary>Alerts held (read without a lock: the count as of the writer's last change).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Slots in the current array (for tests and sizing).</summary>
    internal int Capacity => _slots.Alerts.Length;

    /// <summary>The alert held under <paramref name="fingerprint"/>, or null.</summary>
    public Alert? Get(Fingerprint fingerprint)
    {
        var slots = Volatile.Read(ref _slots);
        var alerts = slots.Alerts;
        var prints = slots.Prints;
        var mask = alerts.Length - 1;
        for (var i = Home(fingerprint.Value, mask); ; i = (i + 1) & mask)
        {
            var held = Volatile.Read(ref alerts[i]);
            if (held is null)
            {
                return null;
            }
            // The fingerprint is written before its alert, so a slot read after its alert has it; the alert's own is
            // compared too, since a slot being reused may still show the alert it held before.
            if (prints[i] == fingerprint.Value && !ReferenceEquals(held, Removed) && held.Fingerprint == fingerprint)
            {
                return held;
            }
        }
    }

    /// <summary>Holds <paramref name="alert"/> under its fingerprint, replacing the alert held there; true when none was.</summary>
    public bool Set(Alert alert)
    {
        var fingerprint = alert.Fingerprint.Value;
        while (true)
        {
            var alerts = _slots.Alerts;
            var prints = _slots.Prints;
            var mask = alerts.Length - 1;
            var reusable = -1;
            for (var i = Home(fingerprint, mask); ; i = (i + 1) & mask)
            {
                var held = alerts[i];
                if (held is null)
                {
                    if (reusable < 0)
                    {
                        if ((_used + 1) * 4L > alerts.Length * 3L)
                        {
                            Rebuild(_count + 1);
                            break; // probe the new arrays
                        }
                        reusable = i;
                        _used++;
                    }
                    prints[reusable] = fingerprint;
                    Volatile.Write(ref alerts[reusable], alert);
                    Volatile.Write(ref _count, _count + 1);
                    return true;
                }
                if (ReferenceEquals(held, Removed))
                {
                    if (reusable < 0)
                    {
                        reusable = i;
                    }
                }
                else if (prints[i] == fingerprint)
                {
                    Volatile.Write(ref alerts[i], alert);
                    return false;
                }
            }
        }
    }

    /// <summary>Stops holding the alert of <paramref name="fingerprint"/>; false when none is held.</summary>
    public bool Remove(Fingerprint fingerprint)
    {
        var alerts = _slots.Alerts;
        var prints = _slots.Prints;
        var mask = alerts.Length - 1;
        for (var i = Home(fingerprint.Value, mask); ; i = (i + 1) & mask)
        {
            var held = alerts[i];
            if (held is null)
            {
                return false;
            }
            if (!ReferenceEquals(held, Removed) && prints[i] == fingerprint.Value)
            {
                Volatile.Write(ref alerts[i], Removed);
                Volatile.Write(ref _count, _count - 1);
                return true;
            }
        }
    }

    /// <summary>
    /// Every alert held, in slot order, from the array as it is when the enumeration starts. The writer may change the
    /// table meanwhile (its own removals included): each slot is read once.
    /// </summary>
    public IEnumerable<Alert> All
    {
        get
        {
            var slots = Volatile.Read(ref _slots).Alerts;
            for (var i = 0; i < slots.Length; i++)
            {
                var held = Volatile.Read(ref slots[i]);
                if (held is not null && !ReferenceEquals(held, Removed))
                {
                    yield return held;
                }
            }
        }
    }

    // New arrays sized for `count` alerts, without the removal marks; published whole, so readers of the old ones
    // finish on them undisturbed.
    private void Rebuild(int count)
    {
        var next = new Slots(CapacityFor(count));
        var mask = next.Alerts.Length - 1;
        var alerts = _slots.Alerts;
        var prints = _slots.Prints;
        for (var j = 0; j < alerts.Length; j++)
        {
            var held = alerts[j];
            if (held is null || ReferenceEquals(held, Removed))
            {
                continue;
            }
            var i = Home(prints[j], mask);
            while (next.Alerts[i] is not null)
            {
                i = (i + 1) & mask;
            }
            next.Prints[i] = prints[j];
            next.Alerts[i] = held;
        }
        _used = _count;
        Volatile.Write(ref _slots, next);
    }

    // At least twice the alerts, a power of two: half full after a rebuild, rebuilt again at three quarters.
    private static int CapacityFor(int count) =>
        (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, count * 2));

    // Fibonacci hashing: the fingerprint's bits spread over the index (FNV's low bits alone cluster).
    private static int Home(ulong fingerprint, int mask) =>
        (int)((fingerprint * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    // The alerts and, at the same index, each one's fingerprint; replaced together when the table grows.
    private sealed class Slots(int capacity)
    {
        public readonly Alert?[] Alerts = new Alert?[capacity];
        public readonly ulong[] Prints = new ulong[capacity];
    }
}
