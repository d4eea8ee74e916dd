using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Silences;

namespace Vigil.Bench;

/// <summary>
/// <c>get-alerts</c>: the parts of <c>GET /api/v2/alerts</c> one at a time, in process, on one thread, over the bench's
/// generated alerts (the server's own types; no HTTP): walking the live alerts, selecting and sorting them, resolving
/// each one's status, writing each one's JSON. Reports CPU time per part (the median of the rounds), so the parts
/// can be ranked on a shared machine where wall time says little.
/// </summary>
internal static class GetAlertsBench
{
    public static int Run(CommandArgs a)
    {
        var count = a.Int("alerts", 1_000_000);
        var rounds = a.Int("rounds", 5);
        a.RejectUnknown();
        var clock = TimeProvider.System;
        var config = new ConfigHolder(ConfigLoader.Load(ConfigWriter.Yaml(new Uri("http://127.0.0.1:9/")), "bench"), null);
        var state = new AlertState();
        var now = clock.GetUtcNow();
        var seq = 0L;
        foreach (var body in AlertGenerator.Batches(AlertGenerator.NewRunId("g"), count, 1000))
        {
            var (alerts, error) = AlertsRequestParser.Parse(body, now, config.Current.Global.ResolveTimeout);
            state.Apply(alerts ?? throw new InvalidOperationException(error!.ToString()), ++seq, now);
        }
        var resolver = new AlertStatusResolver(state, config, [new SilenceSet(config)]);
        var filter = new AlertFilter([], null, true, true, true, true);
        var scratch = new List<RouteNode>();
        var parts = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        long bytes = 0;
        for (var round = 0; round <= rounds; round++)
        {
            now = clock.GetUtcNow();
            var firing = 0;
            Time(parts, round, "1. walk the live alerts (AlertState.All)", () =>
            {
                foreach (var alert in state.All)
                {
                    firing += alert.IsResolvedAt(now) ? 0 : 1;
                }
            });
            SortedAlerts? selected = null;
            Time(parts, round, "2. select and sort by fingerprint", () => selected = SortedAlerts.Select(state, filter, resolver, now, scratch));
            var statuses = new AlertStatus[selected!.Count];
            Time(parts, round, "3. resolve each status (routes, inhibition, silences)", () =>
            {
                for (var i = 0; i < selected.Count; i++)
                {
                    statuses[i] = resolver.Resolve(selected[i], now, scratch);
                }
            });
            var sink = new ArrayBufferWriter<byte>(256 * 1024);
            bytes = Write(parts, round, "4. write each alert's JSON", selected, statuses, sink);
            selected.Dispose();
            if (firing != count)
            {
                throw new InvalidOperationException($"{firing} of {count} alerts firing");
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} alerts, {bytes / 1048576.0:F1} MiB of JSON; CPU seconds, median of {rounds} rounds after a warm-up:"));
        foreach (var (name, times) in parts)
        {
            var sorted = times.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-58} {sorted[sorted.Length / 2]:F3} s  (min {sorted[0]:F3}, max {sorted[^1]:F3})"));
        }
        return 0;
    }

    private static long Write(Dictionary<string, List<double>> parts, int round, string name, SortedAlerts selected, AlertStatus[] statuses,
        ArrayBufferWriter<byte> sink)
    {
        long bytes = 0;
        Time(parts, round, name, () =>
        {
            using var writer = new Utf8JsonWriter(sink, new JsonWriterOptions { SkipValidation = true });
            writer.WriteStartArray();
            for (var i = 0; i < selected.Count; i++)
            {
                GettableAlertWriter.Write(writer, selected[i], statuses[i]);
                if (writer.BytesPending + sink.WrittenCount > 192 * 1024)
                {
                    writer.Flush();
                    bytes += sink.WrittenCount;
                    sink.ResetWrittenCount();
                }
            }
            writer.WriteEndArray();
            writer.Flush();
            bytes += sink.WrittenCount;
        });
        return bytes;
    }

    private static void Time(Dictionary<string, List<double>> parts, int round, string name, Action part)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        part();
        var spent = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        if (round > 0)
        {
            (parts.TryGetValue(name, out var list) ? list : parts[name] = []).Add(spent);
        }
    }
}
