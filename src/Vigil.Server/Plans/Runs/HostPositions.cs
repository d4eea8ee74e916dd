using System.Runtime.CompilerServices;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Where each host is in a run's list of hosts. <see cref="RunRules"/> changes a host by making a new list with that host
/// replaced in its place, so the lists made from one keep its order and share its positions
/// (<see cref="Replaced"/>). Looked up linearly, finding and replacing a host was two passes over every host of the run:
/// at 500 hosts, starting a step on a batch of 50 (a start and a note per host) took 1.5–3.5 ms of the write that stores
/// it, and each host's outcome another pass (docs/benchmarks.md, "Session 52").
/// </summary>
internal static class HostPositions
{
    // A list's positions live as long as the list. Runs of a few hosts are searched directly.
    private const int Indexed = 16;

    private static readonly ConditionalWeakTable<IReadOnlyList<HostRun>, Dictionary<string, int>> Known = [];

    /// <summary>The position of <paramref name="host"/> in <paramref name="hosts"/>; -1 when it is not there.</summary>
    public static int Of(IReadOnlyList<HostRun> hosts, string host)
    {
        if (hosts.Count < Indexed)
        {
            for (var i = 0; i < hosts.Count; i++)
            {
                if (hosts[i].Host == host)
                {
                    return i;
                }
            }
            return -1;
        }
        var positions = Known.GetValue(hosts, Index);
        return positions.TryGetValue(host, out var at) ? at : -1;
    }

    /// <summary><paramref name="hosts"/> with <paramref name="host"/> in the place of the host of its name (unchanged but copied when there is none).</summary>
    public static IReadOnlyList<HostRun> Replaced(IReadOnlyList<HostRun> hosts, HostRun host)
    {
        var copy = new HostRun[hosts.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = hosts[i];
        }
        if (Of(hosts, host.Host) is var at and >= 0)
        {
            copy[at] = host;
        }
        if (hosts.Count >= Indexed && Known.TryGetValue(hosts, out var positions))
        {
            Known.AddOrUpdate(copy, positions);
        }
        return copy;
    }

    private static Dictionary<string, int> Index(IReadOnlyList<HostRun> hosts)
    {
        var positions = new Dictionary<string, int>(hosts.Count, StringComparer.Ordinal);
        for (var i = 0; i < hosts.Count; i++)
        {
            // The first of a name, as a search from the start would find it (a run's host names are distinct).
            positions.TryAdd(hosts[i].Host, i);
        }
        return positions;
    }
}
