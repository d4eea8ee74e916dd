namespace Vigil.Server.Storage;

/// <summary>
/// An outbox row: the message, its state, its attempts so far and its lease. <see cref="SupersededBy"/> is the
/// newer notification of the same group that replaced this one (set while this one was still undelivered).
/// </summary>
public sealed record OutboxItem(
    long Id,
    string Receiver,
    string Integration,
    int IntegrationIndex,
    string TargetUrl,
    string GroupKey,
    byte[] Payload,
    DateTimeOffset CreatedAt,
    OutboxState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset? DeliveredAt,
    string? LastError,
    string? DedupKey,
    long? SupersededBy = null);
