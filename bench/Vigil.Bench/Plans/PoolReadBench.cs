using System.Diagnostics;
using System.Globalization;
using Vigil.Server.Pools;

namespace Vigil.Bench.Plans;

/// <summary>
/// <c>pool-read</c>: what one read of a pool costs — the read every plan gate and wait makes of every HAProxy instance
/// (<c>show stat BACKEND 4 -1</c> and <c>show servers state BACKEND</c>, sent at once on two connections, as
/// <c>PoolService</c> sends them) — against a real HAProxy with <c>--servers</c> members and no checks: the round trip
/// with the parse, and the two parses alone on the same answers, in process on one thread.
/// </summary>
internal static class PoolReadBench
{
    public static async Task<int> RunAsync(CommandArgs a)
    {
        var count = a.Int("servers", 500);
        var rounds = Math.Max(1, a.Int("rounds", 200));
        a.RejectUnknown();
        var dir = Directory.CreateTempSubdirectory("vigil-poolread-").FullName;
        try
        {
            using var haproxy = await BenchHaproxy.StartAsync(dir, [.. Enumerable.Range(0, count).Select(i => ($"w{i:D3}", 20_000 + i))], checks: false,
                statsMaxconn: 20).ConfigureAwait(false);
            var runtime = new HaproxyRuntime(HaproxyEndpoint.Socket(haproxy.SocketPath), TimeSpan.FromSeconds(5), TimeProvider.System);
            var stat = (await runtime.SendAsync($"show stat {BenchHaproxy.Backend} 4 -1", CancellationToken.None).ConfigureAwait(false)).Value!;
            var state = (await runtime.SendAsync($"show servers state {BenchHaproxy.Backend}", CancellationToken.None).ConfigureAwait(false)).Value!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pool-read: {count} servers; show stat {stat.Length:N0} chars, show servers state {state.Length:N0} chars; {rounds} rounds each"));

            var read = await TimeAsync(rounds, async () =>
            {
                var stats = runtime.ShowStatAsync(BenchHaproxy.Backend, CancellationToken.None);
                var states = runtime.ShowServersStateAsync(BenchHaproxy.Backend, CancellationToken.None);
                return (await stats.ConfigureAwait(false)).Ok && (await states.ConfigureAwait(false)).Ok;
            }).ConfigureAwait(false);
            var rawStat = await TimeAsync(rounds, async () => (await runtime.SendAsync($"show stat {BenchHaproxy.Backend} 4 -1", CancellationToken.None).ConfigureAwait(false)).Ok)
                .ConfigureAwait(false);
            var rawState = await TimeAsync(rounds, async () => (await runtime.SendAsync($"show servers state {BenchHaproxy.Backend}", CancellationToken.None).ConfigureAwait(false)).Ok)
                .ConfigureAwait(false);
            var parseStat = await TimeAsync(rounds, () => Task.FromResult(StatCsv.Parse(stat, BenchHaproxy.Backend).Value!.Count == count)).ConfigureAwait(false);
            var parseState = await TimeAsync(rounds, () => Task.FromResult(ServersStateTable.Parse(state, BenchHaproxy.Backend).Value!.Count == count)).ConfigureAwait(false);
            Print("the read (both commands at once, parsed)", read);
            Print("show stat, the answer only", rawStat);
            Print("show servers state, the answer only", rawState);
            Print("StatCsv.Parse alone", parseStat);
            Print("ServersStateTable.Parse alone", parseState);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Milliseconds of each of <paramref name="rounds"/> calls, after as many unmeasured ones (the JIT's tiers).</summary>
    private static async Task<double[]> TimeAsync(int rounds, Func<Task<bool>> call)
    {
        for (var i = 0; i < rounds; i++)
        {
            if (!await call().ConfigureAwait(false))
            {
                throw new InvalidOperationException("a read or parse failed");
            }
        }
        var times = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call().ConfigureAwait(false);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    private static void Print(string what, double[] ms) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-44} {Percentiles.Summarize(ms)}"));
}
