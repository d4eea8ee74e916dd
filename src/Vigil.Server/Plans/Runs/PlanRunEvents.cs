using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// <c>GET /api/v1/plans/runs/{id}/events</c>: the run's events as server-sent events (<c>text/event-stream</c>), every
/// one stored so far and then each as it happens, until the run succeeds or is aborted (or the client goes). Each
/// event's <c>id</c> is its sequence number, so a client that reconnects with <c>Last-Event-ID</c> misses nothing;
/// its <c>event</c> is the kind (<c>step_started</c>, <c>step_passed</c>, <c>halted</c>…), its <c>data</c> the event as JSON.
/// </summary>
internal static class PlanRunEvents
{
    // Re-read now and then even without a signal: another node may be driving the run.
    private static readonly TimeSpan Reread = TimeSpan.FromSeconds(2);

    public static async Task<IResult> StreamAsync(string id, HttpContext http, PlanRunService service, TimeProvider clock, CancellationToken ct)
    {
        if (await service.GetAsync(id, ct) is null)
        {
            return Results.Problem(detail: $"no plan run '{id}'", statusCode: 404);
        }
        var after = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var last) && last > 0 ? last : 0;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var signal = service.Signals.Next(id);
                foreach (var e in await service.Store.EventsAsync(id, after, ct))
                {
                    await http.Response.WriteAsync($"id: {e.Seq}\nevent: {e.Kind}\ndata: {JsonSerializer.Serialize(PlanRunJson.View(e), Audit.AuditViewJson.Options)}\n\n", ct);
                    after = e.Seq;
                }
                await http.Response.Body.FlushAsync(ct);
                if (await service.GetAsync(id, ct) is not { } run || run.State.IsFinal())
                {
                    // Events written with the final change are already sent: the stream ends here.
                    if ((await service.Store.EventsAsync(id, after, ct)).Count == 0)
                    {
                        break;
                    }
                    continue;
                }
                await Task.WhenAny(signal, Task.Delay(Reread, clock, ct));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        return Results.Empty;
    }
}
