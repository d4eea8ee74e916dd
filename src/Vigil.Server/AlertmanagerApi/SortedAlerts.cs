using System.Buffers;
using Vigil.Server.Alerts;
using Vigil.Server.Dispatch;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// The alerts <c>GET /api/v2/alerts</c> answers with, in Alertmanager's order (by fingerprint), held in rented
/// arrays: one walk of the live alerts without locks, then a sort on the fingerprints' numbers (a primitive-key sort;
/// comparing alerts through a delegate cost a fifth of a 1M-alert answer). Fingerprints print as 16 zero-padded hex
/// digits, so their numeric order is their string order. Dispose to return the arrays.
/// </summary>
internal sealed class SortedAlerts : IDisposable
{
    private ulong[] _keys;
    private Alert[] _alerts;

    private SortedAlerts(int capacity)
    {
        _keys = ArrayPool<ulong>.Shared.Rent(Math.Max(16, capacity));
        _alerts = ArrayPool<Alert>.Shared.Rent(Math.Max(16, capacity));
    }

    public int Count { get; private set; }

    public Alert this[int index] => index < Count ? _alerts[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>
    /// The unresolved alerts <paramref name="filter"/> accepts. Statuses are resolved here only when the filter
    /// depends on them, and not kept: they are resolved again as each alert is written, so a large answer never
    /// holds one status per alert.
    /// </summary>
    public static SortedAlerts Select(AlertState state, AlertFilter filter, AlertStatusResolver resolver, DateTimeOffset now, List<RouteNode> scratch)
    {
        // A little room for alerts arriving during the walk; Add grows beyond it if needed.
        var selected = new SortedAlerts(state.Count + state.Count / 64);
        foreach (var alert in state.All)
        {
            if (alert.IsResolvedAt(now) || !filter.MatchesLabels(alert))
            {
                continue;
            }
            if (!filter.DependsOnStatus || filter.Accepts(alert, resolver.Resolve(alert, now, scratch)))
            {
                selected.Add(alert);
            }
        }
        Array.Sort(selected._keys, selected._alerts, 0, selected.Count);
        return selected;
    }

    public void Dispose()
    {
        ArrayPool<ulong>.Shared.Return(_keys);
        ArrayPool<Alert>.Shared.Return(_alerts, clearArray: true);
        _keys = [];
        _alerts = [];
        Count = 0;
    }

    private void Add(Alert alert)
    {
        if (Count == _alerts.Length)
        {
            Grow();
        }
        _keys[Count] = alert.Fingerprint.Value;
        _alerts[Count] = alert;
        Count++;
    }

    private void Grow()
    {
        var keys = ArrayPool<ulong>.Shared.Rent(Count * 2);
        var alerts = ArrayPool<Alert>.Shared.Rent(Count * 2);
        Array.Copy(_keys, keys, Count);
        Array.Copy(_alerts, alerts, Count);
        ArrayPool<ulong>.Shared.Return(_keys);
        ArrayPool<Alert>.Shared.Return(_alerts, clearArray: true);
        _keys = keys;
        _alerts = alerts;
    }
}
