using System.Diagnostics;
using System.Globalization;
using Vigil.Server.Alerts;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Storage;

namespace Vigil.Bench;

/// <summary>
/// <c>parse</c>: what an ingested alert costs in process, on one thread, apart from HTTP and storage: the ingest
/// generator's bodies (<c>--alerts</c> in requests of <c>--batch</c>) read into alerts with their label sets, string
/// pool lookups and fingerprints; then the same alerts encoded as the checkpoint writes them into the snapshot (parts of
/// 20,000). The bodies are made before the clock starts; a first pass warms the JIT and the string pool as a running
/// server is warm.
/// </summary>
internal static class ParseBench
{
    public static int Run(CommandArgs a)
    {
        var count = a.Int("alerts", 200_000);
        var batch = a.Int("batch", 100);
        var rounds = Math.Max(1, a.Int("rounds", 5));
        a.RejectUnknown();
        var bodies = AlertGenerator.Batches(AlertGenerator.NewRunId("p"), count, batch);
        var now = TimeProvider.System.GetUtcNow();
        var resolve = TimeSpan.FromMinutes(5);
        Pass(bodies, now, resolve);
        var times = new List<double?>();
        for (var r = 0; r < rounds; r++)
        {
            var start = Stopwatch.GetTimestamp();
            var parsed = Pass(bodies, now, resolve);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / parsed);
        }
        var spread = Spread.Of(times)!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parse: {count:N0} alerts in requests of {batch}, one thread, {rounds} rounds: {spread.Median:F0} ns per alert (median; {spread.Min:F0}–{spread.Max:F0}), {1e9 / spread.Median:N0} alerts/s"));

        var changes = bodies.SelectMany(b => AlertsRequestParser.Parse(b, now, resolve).Alerts!).Select(x => new AlertChange(x.Fingerprint, x)).ToArray();
        var scratch = new MemoryStream();
        Encode(changes, scratch);
        var encodes = new List<double?>();
        for (var r = 0; r < rounds; r++)
        {
            var start = Stopwatch.GetTimestamp();
            Encode(changes, scratch);
            encodes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / changes.Length);
        }
        var encode = Spread.Of(encodes)!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snapshot encode: the same alerts in parts of {SnapshotPart:N0}: {encode.Median:F0} ns per alert (median; {encode.Min:F0}–{encode.Max:F0})"));
        return 0;
    }

    /// <summary>As <c>AlertSnapshotStore</c> cuts a checkpoint's changes.</summary>
    private const int SnapshotPart = 20_000;

    private static long Encode(AlertChange[] changes, MemoryStream scratch) =>
        changes.Chunk(SnapshotPart).Sum(part => (long)AlertSnapshotCodec.Encode(part, scratch).Length);

    private static int Pass(IReadOnlyList<byte[]> bodies, DateTimeOffset now, TimeSpan resolve)
    {
        var parsed = 0;
        foreach (var body in bodies)
        {
            var (alerts, error) = AlertsRequestParser.Parse(body, now, resolve);
            if (error is not null)
            {
                throw new InvalidOperationException("the generator's body was refused: " + error);
            }
            parsed += alerts!.Count;
        }
        return parsed;
    }
}
