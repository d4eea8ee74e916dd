using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Vigil.Server.Alerts;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosting;
using Vigil.Server.Labels;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// Runs the per-alert code of <c>GET /api/v2/alerts</c> (select and sort, resolve the status, write the JSON) over
/// 64 made-up alerts held apart from the real ones, in the background after start-up. The runtime recompiles a method
/// with full optimisation only after it has been called often enough; without this, the first list after a start
/// (amtool, the UI, a dashboard) paid for that recompilation while it ran: 0.55 s for 100k alerts read with curl,
/// 0.37 s with it (medians of 6, installed layout; docs/benchmarks.md). Nothing is stored, sent or changed: the alerts
/// live in a private <see cref="AlertState"/> and the JSON goes to a buffer that is dropped.
/// </summary>
internal static class AlertListWarmUp
{
    private const int Alerts = 64;

    /// <summary>Eight rounds over two seconds (<see cref="WarmUpRounds"/>).</summary>
    private const int Rounds = 8;

    public static Task RunAsync(AlertStatusResolver resolver, TimeProvider clock, CancellationToken ct) =>
        WarmUpRounds.RunAsync(Rounds, () => RunOnce(resolver, clock), ct);

    /// <summary>One round: the made-up alerts selected, sorted, resolved and written once.</summary>
    public static void RunOnce(AlertStatusResolver resolver, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var state = new AlertState();
        state.Apply(MadeUp(now), seq: 0, now);
        var filter = new AlertFilter([], null, Active: true, Silenced: true, Inhibited: true, Unprocessed: true);
        var scratch = new List<RouteNode>();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        using var selected = SortedAlerts.Select(state, filter, resolver, now, scratch);
        writer.WriteStartArray();
        for (var i = 0; i < selected.Count; i++)
        {
            var alert = selected[i];
            GettableAlertWriter.Write(writer, alert, resolver.Resolve(alert, now, scratch));
        }
        writer.WriteEndArray();
    }

    private static Alert[] MadeUp(DateTimeOffset now) =>
    [
        .. Enumerable.Range(0, Alerts).Select(i =>
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var labels = LabelSet.Of(("alertname", "VigilWarmUp"), ("instance", $"warm-up-{n}:9100"), ("job", "vigil-warm-up"),
                ("severity", i % 2 == 0 ? "critical" : "warning"));
            var annotations = AnnotationSet.Of(("summary", $"made-up alert {n}"), ("description", "never stored or sent"));
            return new Alert(labels, annotations, now.AddMinutes(-i), now.AddMinutes(5), "", now, Timeout: true);
        }),
    ];
}
