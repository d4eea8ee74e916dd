namespace Vigil.Server.Storage;

/// <summary>
/// What was last notified for one group to one receiver's integration: the fingerprints firing and
/// resolved at that time, when, and until when the entry is kept (Alertmanager's nflog entry).
/// </summary>
public sealed record NotificationLogRow(
    string GroupKey,
    string Receiver,
    int IntegrationIndex,
    IReadOnlyCollection<ulong> Firing,
    IReadOnlyCollection<ulong> Resolved,
    DateTimeOffset Timestamp,
    DateTimeOffset ExpiresAt);
