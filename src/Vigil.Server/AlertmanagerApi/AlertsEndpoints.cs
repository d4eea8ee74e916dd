using System.Text.Json;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosting;
using Vigil.Server.Observability;

namespace Vigil.Server.AlertmanagerApi;

/// <summary><c>/api/v2/alerts</c> and <c>/api/v2/alerts/groups</c>, wire-compatible with Alertmanager 0.25.</summary>
internal static class AlertsEndpoints
{
    public static void MapAlertmanagerAlerts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2");
        group.MapPost("/alerts", PostAlerts);
        group.MapGet("/alerts", GetAlerts);
        group.MapGet("/alerts/groups", GetGroups);
    }

    private static async Task<IResult> PostAlerts(HttpRequest request, AlertIngestor ingestor, AlertAdmission admission, ConfigHolder config,
        TimeProvider clock, VigilMetrics metrics, CancellationToken ct)
    {
        var (read, tooLarge) = await RequestBody.ReadPooledAsync(request, config, ct);
        if (tooLarge is not null)
        {
            metrics.AlertsInvalid.Inc();
            return tooLarge;
        }
        // The ingest log holds the body until it is committed, and nothing after: its buffer goes back to the pool when
        // this request is done.
        using var lease = read!;
        var body = lease.Memory;
        var now = clock.GetUtcNow();
        var (alerts, error) = AlertsRequestParser.Parse(body.Span, now, config.Current.Global.ResolveTimeout);
        if (error is not null)
        {
            metrics.AlertsInvalid.Inc();
            return error.ToResult();
        }
        var limits = config.Current.Server.Limits;
        if (AlertLimits.Check(alerts!, limits) is { } violations)
        {
            metrics.AlertsInvalid.Inc();
            metrics.CountRejected(violations);
            return AlertmanagerError.Validation(string.Join("; ", violations.Select(v => v.Message))).ToResult();
        }
        var admitted = admission.Admit(alerts!, limits.MaxActiveAlerts);
        try
        {
            if (admitted.Refused == 0)
            {
                await ingestor.AcceptAsync(AlertIngestor.AlertmanagerV2, body, alerts!, now, admitted.Places, ct);
            }
            else if (admitted.Admitted.Count > 0)
            {
                // The log keeps what was accepted, not the request: replay must not bring back the refused alerts.
                await ingestor.AcceptAsync(AlertIngestor.AlertmanagerV2, PostableAlertWriter.Encode(admitted.Admitted), admitted.Admitted, now, admitted.Places, ct);
            }
        }
        finally
        {
            admitted.Places.Release();
        }
        metrics.CountReceived(admitted.Admitted, now);
        if (admitted.Refused > 0)
        {
            metrics.AlertsRejected.WithLabels("active_limit").Inc(admitted.Refused);
            return new AlertmanagerError(StatusCodes.Status429TooManyRequests, admission.Refusal(admitted, limits.MaxActiveAlerts), null).ToResult();
        }
        return Results.Ok();
    }

    private static async Task GetAlerts(HttpContext context, AlertState state, AlertStatusResolver resolver, TimeProvider clock)
    {
        var (filter, error) = AlertFilter.FromQuery(context.Request.Query);
        if (filter is null)
        {
            await AlertmanagerError.Validation(error!).ToResult().ExecuteAsync(context);
            return;
        }
        var now = clock.GetUtcNow();
        var scratch = new List<RouteNode>();
        using var selected = SortedAlerts.Select(state, filter, resolver, now, scratch);
        await using var json = new StreamedJson(context.Response);
        json.Writer.WriteStartArray();
        for (var i = 0; i < selected.Count && json.Open; i++)
        {
            var alert = selected[i];
            GettableAlertWriter.Write(json.Writer, alert, resolver.Resolve(alert, now, scratch));
            await json.SendIfDueAsync(context.RequestAborted);
        }
        json.Writer.WriteEndArray();
    }

    private static async Task GetGroups(HttpContext context, Dispatcher dispatcher, AlertStatusResolver resolver, TimeProvider clock)
    {
        var (filter, error) = AlertFilter.FromQuery(context.Request.Query);
        if (filter is null)
        {
            await AlertmanagerError.Validation(error!).ToResult().ExecuteAsync(context);
            return;
        }
        var now = clock.GetUtcNow();
        var scratch = new List<RouteNode>();
        await using var json = new StreamedJson(context.Response);
        var writer = json.Writer;
        writer.WriteStartArray();
        foreach (var group in dispatcher.SnapshotGroups(now))
        {
            if (!json.Open)
            {
                break;
            }
            if (filter.Receiver is not null && !filter.Receiver.Matches(group.Receiver))
            {
                continue;
            }
            var alerts = new List<(Alert, AlertStatus)>();
            foreach (var alert in group.Alerts)
            {
                if (alert.IsResolvedAt(now) || !filter.MatchesLabels(alert))
                {
                    continue;
                }
                var status = resolver.Resolve(alert, now, scratch);
                if (filter.Accepts(alert, status with { Receivers = [group.Receiver] }))
                {
                    alerts.Add((alert, status));
                }
            }
            if (alerts.Count == 0)
            {
                continue;
            }
            writer.WriteStartObject();
            writer.WriteStartArray("alerts");
            foreach (var (alert, status) in alerts)
            {
                GettableAlertWriter.Write(writer, alert, status);
            }
            writer.WriteEndArray();
            writer.WritePropertyName("labels");
            GettableAlertWriter.WriteLabels(writer, group.GroupLabels);
            writer.WriteStartObject("receiver");
            writer.WriteString("name", group.Receiver);
            writer.WriteEndObject();
            writer.WriteEndObject();
            await json.SendIfDueAsync(context.RequestAborted);
        }
        writer.WriteEndArray();
    }
}
