namespace Vigil.Server.Dispatch;

/// <summary>
/// The last notification of one group to one integration of a receiver (Alertmanager's nflog entry):
/// which alerts were firing and which resolved when it was sent. Keyed by (GroupKey, ReceiverName,
/// IntegrationIndex). Fingerprints are <see cref="Labels.Fingerprint.Value"/>s of the alerts' label sets.
/// Alertmanager keeps an entry for twice the route's repeat_interval (<see cref="DedupRule.Retention"/>).
/// </summary>
public sealed record NotificationLogEntry(
    string GroupKey,
    string ReceiverName,
    int IntegrationIndex,
    IReadOnlySet<ulong> FiringFingerprints,
    IReadOnlySet<ulong> ResolvedFingerprints,
    DateTimeOffset Timestamp);
