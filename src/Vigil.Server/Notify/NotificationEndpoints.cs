using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

/// <summary><c>GET /api/v1/notifications</c>: the outbox, newest first, with every delivery attempt. Target URLs are
/// credentials (a Slack webhook URL is), so a read token sees them masked (<see cref="SecretView"/>).</summary>
internal static class NotificationEndpoints
{
    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/notifications", async (string? state, string? receiver, int? limit, OutboxStore outbox, HttpContext http, CancellationToken ct) =>
        {
            OutboxState? filter = null;
            if (state is { Length: > 0 })
            {
                if (!Enum.TryParse<OutboxState>(state, ignoreCase: true, out var parsed))
                {
                    return Results.Problem(detail: $"state: must be pending, delivered, failed or superseded (got '{state}')", statusCode: 400);
                }
                filter = parsed;
            }
            if (limit is < 1 or > 1000)
            {
                return Results.Problem(detail: "limit: must be between 1 and 1000", statusCode: 400);
            }
            var items = await outbox.ListAsync(filter, receiver, limit ?? 100, ct);
            var result = new List<object>(items.Count);
            foreach (var item in items)
            {
                var attempts = await outbox.GetAttemptsAsync(item.Id, ct);
                result.Add(new
                {
                    id = item.Id,
                    receiver = item.Receiver,
                    integration = Integrations.IntegrationDelivery.Display(item.Integration),
                    integrationIndex = item.IntegrationIndex,
                    url = SecretView.Url(http, item.TargetUrl),
                    groupKey = item.GroupKey,
                    state = item.State.ToString().ToLowerInvariant(),
                    createdAt = item.CreatedAt,
                    deliveredAt = item.DeliveredAt,
                    nextAttemptAt = item.State == OutboxState.Pending ? item.NextAttemptAt : (DateTimeOffset?)null,
                    lastError = item.LastError,
                    attempts = attempts.Select(a => new { at = a.AttemptedAt, durationMs = a.Duration.TotalMilliseconds, statusCode = a.StatusCode, error = a.Error }),
                });
            }
            return Results.Json(result);
        });
    }
}
