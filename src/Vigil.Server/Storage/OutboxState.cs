namespace Vigil.Server.Storage;

/// <summary>
/// Where an outbox message is in its life; stored as <c>pending</c>, <c>delivered</c>, <c>failed</c> or
/// <c>superseded</c> (a newer notification of the same group to the same integration replaced it before it
/// was delivered, see <see cref="OutboxStore.EnqueueGroupStateAsync"/>).
/// </summary>
public enum OutboxState
{
    Pending,
    Delivered,
    Failed,
    Superseded,
}
