using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Drill.Notify;

/// <summary>
/// A notification Vigil would send: at <see cref="At"/>, to <see cref="Receiver"/> through <see cref="Integrations"/>
/// (those that send the same alerts for the same reason), for the group <see cref="GroupKey"/>. <see cref="Firing"/>
/// and <see cref="Resolved"/> are the alerts in the message, in Alertmanager's order.
/// </summary>
internal sealed record PredictedNotification(
    DateTimeOffset At,
    string Receiver,
    IReadOnlyList<PredictedIntegration> Integrations,
    string GroupKey,
    LabelSet GroupLabels,
    IReadOnlyList<Alert> Firing,
    IReadOnlyList<Alert> Resolved,
    NotificationReason Reason);
