using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Dispatch;

/// <summary>
/// What an aggregation group hands to the notification pipeline at one flush. <see cref="Alerts"/> are sorted
/// in Alertmanager's order; alerts still firing at <see cref="FlushedAt"/> have <see cref="Alert.EndsAt"/> set to
/// <see cref="DateTimeOffset.MinValue"/> (Go's zero time), so they do not resolve while the notification is under
/// way, and print as <c>0001-01-01T00:00:00Z</c> in webhooks.
/// </summary>
public sealed record GroupFlush(
    RouteNode Route,
    string GroupKey,
    LabelSet GroupLabels,
    IReadOnlyList<Alert> Alerts,
    DateTimeOffset FlushedAt)
{
    public string Receiver => Route.Receiver;

    public TimeSpan RepeatInterval => Route.RepeatInterval;

    public bool IsEmpty => Alerts.Count == 0;

    /// <summary>Whether an alert of this snapshot is resolved (its end is set, as only resolved alerts keep one).</summary>
    public static bool IsResolved(Alert alert) => alert.EndsAt != DateTimeOffset.MinValue;
}
