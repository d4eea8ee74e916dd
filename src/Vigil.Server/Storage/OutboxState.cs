namespace Vigil.Server.Storage;

/// <summary>Where an outbox message is in its life; stored as <c>pending</c>, <c>delivered</c> or <c>failed</c>.</summary>
public enum OutboxState
{
    Pending,
    Delivered,
    Failed,
}
