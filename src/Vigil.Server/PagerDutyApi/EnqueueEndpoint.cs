using System.Text.Json.Nodes;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Escalation;
using Vigil.Server.Hosting;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;
using Vigil.Server.Observability;
using Vigil.Server.Security;

namespace Vigil.Server.PagerDutyApi;

/// <summary>
/// <c>POST /v2/enqueue</c>, PagerDuty's Events API v2. The routing key is the credential (no bearer token). A trigger
/// becomes an alert in the ordinary pipeline (durable, routed, silenced, windowed); a resolve ends that alert, so its
/// group's page resolves; an acknowledge acknowledges the open page for the dedup key. An acknowledge or resolve acts only
/// on what came in through the same key or its <c>key_group</c> (<see cref="RoutingKeyGroups"/>), never on alerts posted to the
/// Alertmanager API; when nothing matches it is accepted and does nothing, as PagerDuty discards such events. Answers in PagerDuty's shapes:
/// 202 <c>{"status":"success","message":"Event processed","dedup_key":…}</c>, 400 <c>{"status":"invalid event",…}</c>.
/// </summary>
internal static class EnqueueEndpoint
{
    /// <summary>A trigger stays firing until resolved (PagerDuty senders do not repeat), up to this long.</summary>
    private static readonly TimeSpan OpenFor = TimeSpan.FromDays(365);

    public static void MapPagerDuty(this IEndpointRouteBuilder app) =>
        app.MapPost("/v2/enqueue", Enqueue).AllowAnonymousAccess();

    private static async Task<IResult> Enqueue(HttpContext context, ConfigHolder config, AlertPoster poster, AlertState alerts,
        AlertAdmission admission, VigilMetrics metrics, PageStore pages, PageService service, RoutingKeyGroups groups, TimeProvider clock, CancellationToken ct)
    {
        var (body, tooLarge) = await RequestBody.ReadAsync(context.Request, config, ct);
        if (tooLarge is not null)
        {
            return tooLarge;
        }
        var (e, errors) = PagerDutyEventReader.Read(body!);
        if (e is not null && !config.Current.PagerDuty.RoutingKeys.ContainsKey(e.RoutingKey))
        {
            errors.Add("Invalid routing key");
        }
        if (errors.Count > 0)
        {
            return Results.Json(new JsonObject
            {
                ["status"] = "invalid event",
                ["message"] = "Event object is invalid",
                ["errors"] = new JsonArray([.. errors.Select(x => (JsonNode)x)]),
            }, statusCode: 400);
        }
        var target = config.Current.PagerDuty.RoutingKeys[e!.RoutingKey];
        var group = await groups.GroupOfAsync(e.RoutingKey, target, ct);
        var now = clock.GetUtcNow();
        switch (e.Action)
        {
            case "trigger":
                var labels = e.Labels;
                labels = target.Policy is { } policy ? labels.With(PolicyRoutes.PolicyLabel, policy) : labels;
                foreach (var (name, value) in target.RouteLabels)
                {
                    labels = labels.With(name, value);
                }
                labels = labels.With(RoutingKeyGroups.Label, group);
                // One alert per dedup key, as PagerDuty keeps one alert per key: a re-trigger updates the open alert (its summary
                // and details) even when its other fields changed, rather than adding a second alert beside it.
                if (alerts.All.FirstOrDefault(a => a.Labels.Get("dedup_key") == e.DedupKey && a.Labels.Get(RoutingKeyGroups.Label) == group &&
                    a.IsFiringAt(now)) is { } open)
                {
                    labels = open.Labels;
                }
                // A timestamp from the sender's clock may be ahead of ours (the alert cannot start after now) or absurd.
                var startsAt = e.Timestamp is { } t && t < now && TimeLimits.CheckInstant(t) is null ? t : now;
                var alert = new Alert(labels, AnnotationSet.From(e.Annotations), startsAt, now + OpenFor, "", now, false);
                if (await PostWithinLimitsAsync(alert, config.Current.Server.Limits, poster, admission, metrics, ct) is { } refused)
                {
                    return refused;
                }
                break;
            case "resolve":
                var firing = alerts.All.Where(a => a.Labels.Get("dedup_key") == e.DedupKey && a.Labels.Get(RoutingKeyGroups.Label) == group && a.IsFiringAt(now)).ToList();
                await poster.PostAsync([.. firing.Select(a => a with { EndsAt = now, Timeout = false })], ct);
                break;
            default:
                if (await pages.FindOpenForKeyGroupAsync(e.DedupKey, group, ct) is { } page)
                {
                    var caller = new Caller("pagerduty-events", Scope.Write, context.Connection.RemoteIpAddress?.ToString() ?? "");
                    await service.AcknowledgeAsync(page.Id, caller, ct);
                }
                break;
        }
        return Results.Json(new JsonObject { ["status"] = "success", ["message"] = "Event processed", ["dedup_key"] = e.DedupKey }, statusCode: 202);
    }

    /// <summary>A trigger is an alert from outside: the same size limits and active-alert cap as the Alertmanager API.</summary>
    private static async Task<IResult?> PostWithinLimitsAsync(Alert alert, ServerLimits limits, AlertPoster poster, AlertAdmission admission,
        VigilMetrics metrics, CancellationToken ct)
    {
        if (AlertLimits.Check(alert, limits) is { } violation)
        {
            metrics.CountRejected([violation]);
            return Results.Json(new JsonObject
            {
                ["status"] = "invalid event",
                ["message"] = "Event object is invalid",
                ["errors"] = new JsonArray(violation.Message),
            }, statusCode: 400);
        }
        var admitted = admission.Admit([alert], limits.MaxActiveAlerts);
        try
        {
            if (admitted.Refused > 0)
            {
                metrics.AlertsRejected.WithLabels("active_limit").Inc();
                // PagerDuty answers 429 when it cannot take an event now; its senders retry with back-off.
                return Results.Json(new JsonObject { ["status"] = "throttle event", ["message"] = admission.Refusal(admitted, limits.MaxActiveAlerts) }, statusCode: 429);
            }
            await poster.PostAsync([alert], admitted.Places, ct);
            return null;
        }
        finally
        {
            admitted.Places.Release();
        }
    }
}
