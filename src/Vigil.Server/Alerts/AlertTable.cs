using System.Numerics;
using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>
/// The held alerts by fingerprint: an open-addressing table (linear probing) of alert references, one array and no
/// object per entry. <c>ConcurrentDictionary</c> kept a 48-byte node per alert: at a million alerts a million more
/// objects for every collection to mark, and ~48 MB. Changed by one writer at a time (the caller holds its lock);
/// read without locks: a reader works on the array it read, in which each slot changes by one reference write, so it
/// sees each alert in one version or the other (and, after the table grew, the versions as of the growth).
/// </summary>
internal sealed class AlertTable
{
    private const int MinCapacity = 16;

    // Left where an alert was removed, so a probe for a fingerprint stored past it goes on. Never handed out.
    private static readonly Alert Removed = new(LabelSet.Empty, AnnotationSet.Empty, default, default, "", default, false);

    private Alert?[] _slots;
    private int _count; // alerts held; written by the writer only, read by anyone
    private int _used;  // slots not null: alerts and removal marks; at most three quarters of the slots

    public AlertTable(int expected = 0)
    {
        _slots = new Alert?[CapacityFor(expected)];
    }

    /// <summary>Alerts held (read without a lock: the count as of the writer's last change).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Slots in the current array (for tests and sizing).</summary>
    internal int Capacity => _slots.Length;

    public Alert? Get(Fingerprint fingerprint)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        for (var i = Home(fingerprint, mask); ; i = (i + 1) & mask)
        {
            var held = Volatile.Read(ref slots[i]);
            if (held is null)
            {
                return null;
            }
            if (!ReferenceEquals(held, Removed) && held.Fingerprint == fingerprint)
            {
                return held;
            }
        }
    }

    /// <summary>Holds <paramref name="alert"/> under its fingerprint, replacing the alert held there; true when none was.</summary>
    public bool Set(Alert alert)
    {
        var fingerprint = alert.Fingerprint;
        while (true)
        {
            var slots = _slots;
            var mask = slots.Length - 1;
            var reusable = -1;
            for (var i = Home(fingerprint, mask); ; i = (i + 1) & mask)
            {
                var held = slots[i];
                if (held is null)
                {
                    if (reusable < 0)
                    {
                        if ((_used + 1) * 4L > slots.Length * 3L)
                        {
                            Rebuild(_count + 1);
                            break; // probe the new array
                        }
                        reusable = i;
                        _used++;
                    }
                    Volatile.Write(ref slots[reusable], alert);
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
                else if (held.Fingerprint == fingerprint)
                {
                    Volatile.Write(ref slots[i], alert);
                    return false;
                }
            }
        }
    }

    /// <summary>Stops holding the alert of <paramref name="fingerprint"/>; false when none is held.</summary>
    public bool Remove(Fingerprint fingerprint)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = Home(fingerprint, mask); ; i = (i + 1) & mask)
        {
            var held = slots[i];
            if (held is null)
            {
                return false;
            }
            if (!ReferenceEquals(held, Removed) && held.Fingerprint == fingerprint)
            {
                Volatile.Write(ref slots[i], Removed);
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
            var slots = Volatile.Read(ref _slots);
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

    // A new array sized for `count` alerts, without the removal marks; published whole, so readers of the old one
    // finish on it undisturbed.
    private void Rebuild(int count)
    {
        var next = new Alert?[CapacityFor(count)];
        var mask = next.Length - 1;
        foreach (var held in _slots)
        {
            if (held is null || ReferenceEquals(held, Removed))
            {
                continue;
            }
            var i = Home(held.Fingerprint, mask);
            while (next[i] is not null)
            {
                i = (i + 1) & mask;
            }
            next[i] = held;
        }
        _used = _count;
        Volatile.Write(ref _slots, next);
    }

    // At least twice the alerts, a power of two: half full after a rebuild, rebuilt again at three quarters.
    private static int CapacityFor(int count) =>
        (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, count * 2));

    // Fibonacci hashing: the fingerprint's bits spread over the index (FNV's low bits alone cluster).
    private static int Home(Fingerprint fingerprint, int mask) =>
        (int)((fingerprint.Value * 0x9E3779B97F4A7C15UL) >> 32) & mask;
}
