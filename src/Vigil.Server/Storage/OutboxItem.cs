namespace Vigil.Server.Storage;

/// <summary>An outbox row: the message, its state, its attempts so far and its lease.</summary>
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
    string? DedupKey);
