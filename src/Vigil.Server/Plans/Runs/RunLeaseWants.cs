using System.Collections.Concurrent;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Which open runs a node asks for the lease of (<c>plan-run/ID</c>). A run this node started or changed is wanted at
/// once, so the node a person started it through drives it. A run that appeared in the runner's read since its last
/// pass was started through another node, which is about to take its lease: it is wanted from the next pass on (in case
/// that node died first), so nodes never race the one that started it. At the node's start every open run is wanted.
/// Pure; <see cref="Passed"/> is called by one pass at a time, <see cref="Changed"/> from any thread.
/// </summary>
internal sealed class RunLeaseWants
{
    /// <summary>Each wanted run with the <see cref="_added"/> count when this node's own change added it (0: a pass did).</summary>
    private readonly ConcurrentDictionary<string, long> _wanted = new(StringComparer.Ordinal);
    private long _added;
    private HashSet<string>? _seen;

    /// <summary>The runs wanted now, in order.</summary>
    public IReadOnlyList<string> Wanted => [.. _wanted.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Taken before a pass reads the open runs, and given to <see cref="Passed"/> with what it read.</summary>
    public long Mark() => Interlocked.Read(ref _added);

    /// <summary>
    /// After a pass read <paramref name="open"/> (the read began at <paramref name="mark"/>): runs no longer open are let
    /// go, except one this node added while the read was under way; runs open in this read and the last are wanted.
    /// Returns the runs wanted now.
    /// </summary>
    public IReadOnlyList<string> Passed(long mark, IEnumerable<string> open)
    {
        var seenBefore = _seen;
        var seen = new HashSet<string>(open, StringComparer.Ordinal);
        _seen = seen;
        foreach (var wanted in _wanted.Where(w => w.Value <= mark && !seen.Contains(w.Key)))
        {
            _wanted.TryRemove(wanted);
        }
        foreach (var id in seen.Where(id => seenBefore is null || seenBefore.Contains(id)))
        {
            _wanted.TryAdd(id, 0);
        }
        return Wanted;
    }

    /// <summary>This node started or changed a run: wanted while it is open. Returns the runs wanted when that changed them, else null.</summary>
    public IReadOnlyList<string>? Changed(string id, bool open) =>
        (open ? _wanted.TryAdd(id, Interlocked.Increment(ref _added)) : _wanted.TryRemove(id, out _)) ? Wanted : null;
}
