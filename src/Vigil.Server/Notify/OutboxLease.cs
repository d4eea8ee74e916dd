using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

/// <summary>
/// The lease a flush writes into an outbox row it adds when this node's worker can send the message at once: the row is
/// then as if claimed by that worker, and the flush hands it over after the commit (no claim, no wait for the worker).
/// </summary>
public readonly record struct OutboxLease(string Owner, DateTimeOffset Until)
{
    /// <summary>The row <paramref name="message"/> became under id <paramref name="id"/>, leased.</summary>
    public OutboxItem ItemOf(OutboxMessage message, long id) =>
        new(id, message.Receiver, message.Integration, message.IntegrationIndex, message.TargetUrl, message.GroupKey, message.Payload,
            message.CreatedAt, OutboxState.Pending, Attempts: 0, NextAttemptAt: message.CreatedAt, LeaseOwner: Owner, LeaseUntil: Until,
            DeliveredAt: null, LastError: null, message.DedupKey);
}
