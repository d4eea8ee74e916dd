using System.Collections;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Where each host is in a run's list of hosts. <see cref="RunRules"/> changes a host by making a new list with that host
/// replaced in its place, so the lists made from one keep its order and share its positions
/// (<see cref="Replaced"/>). Looked up linearly, finding and replacing a host was two passes over every host of the run:
/// at 500 hosts, starting a step on a batch of 50 (a start and a note per host) took 1.5–3.5 ms of the write that stores
/// it, and each host's outcome another pass (docs/benchmarks.md, "Session 52").
/// </summary>
/// <remarks>
/// The positions travel with the lists (<see cref="HostList"/>) rather than in a table keyed by list: such a table gave
/// every list a handle of its own to the garbage collector, ~150 for each step of a batch of 50, which every collection
/// during a plan run scanned (thousands at once; docs/benchmarks.md, "Session 54").
/// A list holds its hosts in chunks of <see cref="Chunk"/> that its copies share: a change copies the chunk of the
/// host it replaces and the list of chunks, not every host. Copied whole, the 500-host array was 9 % of all the server
/// allocated during a 500-host run, ~9,000 copies of 4 KB (docs/benchmarks.md, "Session 58").
/// </remarks>
internal static class HostPositions
{
    // Runs of a few hosts are searched directly.
    private const int Indexed = 16;

    private const int Shift = 5;

    // Hosts per shared chunk.
    private const int Chunk = 1 << Shift;

    /// <summary>The position of <paramref name="host"/> in <paramref name="hosts"/>; -1 when it is not there.</summary>
    public static int Of(IReadOnlyList<HostRun> hosts, string host) =>
        hosts is HostList list ? list.Positions.Of(list, host) : Search(hosts, host);

    /// <summary><paramref name="hosts"/> as a list that knows its hosts' positions (and passes them on to its copies).</summary>
    public static IReadOnlyList<HostRun> WithPositions(IEnumerable<HostRun> hosts) =>
        hosts as HostList ?? HostList.Of([.. hosts]);

    /// <summary><paramref name="hosts"/> with <paramref name="host"/> in the place of the host of its name (unchanged when there is none).</summary>
    public static IReadOnlyList<HostRun> Replaced(IReadOnlyList<HostRun> hosts, HostRun host)
    {
        var list = hosts as HostList ?? HostList.Of([.. hosts]);
        return list.Positions.Of(list, host.Host) is var at and >= 0 ? list.With(at, host) : list;
    }

    private static int Search(IReadOnlyList<HostRun> hosts, string host)
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

    /// <summary>
    /// A run's hosts, in chunks never changed once made (so lists share them), with the positions it shares with every
    /// list made from it by <see cref="Replaced"/>.
    /// </summary>
    private sealed class HostList(HostRun[][] chunks, int count, Positions positions) : IReadOnlyList<HostRun>
    {
        public static HostList Of(HostRun[] hosts)
        {
            var chunks = new HostRun[(hosts.Length + Chunk - 1) >> Shift][];
            for (var c = 0; c < chunks.Length; c++)
            {
                chunks[c] = hosts[(c << Shift)..Math.Min(hosts.Length, (c + 1) << Shift)];
            }
            return new HostList(chunks, hosts.Length, new Positions());
        }

        public Positions Positions => positions;

        public HostRun this[int index] =>
            (uint)index < (uint)count ? chunks[index >> Shift][index & (Chunk - 1)] : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => count;

        /// <summary>This list with <paramref name="host"/> at <paramref name="at"/>: one chunk and the list of chunks copied.</summary>
        public HostList With(int at, HostRun host)
        {
            var copy = (HostRun[][])chunks.Clone();
            var chunk = (HostRun[])chunks[at >> Shift].Clone();
            chunk[at & (Chunk - 1)] = host;
            copy[at >> Shift] = chunk;
            return new HostList(copy, count, positions);
        }

        public IEnumerator<HostRun> GetEnumerator()
        {
            foreach (var chunk in chunks)
            {
                foreach (var host in chunk)
                {
                    yield return host;
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Each host's position, indexed on first use from whichever of the lists that share it asks first.</summary>
    private sealed class Positions
    {
        private Dictionary<string, int>? _index;

        public int Of(IReadOnlyList<HostRun> hosts, string host)
        {
            if (hosts.Count < Indexed)
            {
                return Search(hosts, host);
            }
            var index = Volatile.Read(ref _index);
            if (index is null)
            {
                index = new Dictionary<string, int>(hosts.Count, StringComparer.Ordinal);
                for (var i = 0; i < hosts.Count; i++)
                {
                    // The first of a name, as a search from the start would find it (a run's host names are distinct).
                    index.TryAdd(hosts[i].Host, i);
                }
                // Built the same from any list that shares it; the first one published is kept.
                index = Interlocked.CompareExchange(ref _index, index, null) ?? index;
            }
            return index.TryGetValue(host, out var at) ? at : -1;
        }
    }
}
