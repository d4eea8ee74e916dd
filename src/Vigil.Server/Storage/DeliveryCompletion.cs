namespace Vigil.Server.Storage;

/// <summary>
/// What one delivery of a claimed outbox message came to, written with its attempts in one go
/// (<see cref="OutboxStore.CompleteAsync"/>): <see cref="OutboxState.Delivered"/> at <see cref="At"/>,
/// <see cref="OutboxState.Failed"/> (given up) with <see cref="Error"/>, or <see cref="OutboxState.Pending"/>: due again at
/// <see cref="RetryAt"/> with <see cref="Error"/>.
/// </summary>
public sealed record DeliveryCompletion(long Id, IReadOnlyList<DeliveryAttempt> Attempts, OutboxState Outcome, DateTimeOffset At,
    string? Error = null, DateTimeOffset? RetryAt = null)
{
    public static DeliveryCompletion Delivered(long id, IReadOnlyList<DeliveryAttempt> attempts, DateTimeOffset at) =>
        new(id, attempts, OutboxState.Delivered, at);

    public static DeliveryCompletion Failed(long id, IReadOnlyList<DeliveryAttempt> attempts, DateTimeOffset at, string error) =>
        new(id, attempts, OutboxState.Failed, at, error);

    public static DeliveryCompletion Retry(long id, IReadOnlyList<DeliveryAttempt> attempts, DateTimeOffset at, DateTimeOffset retryAt, string error) =>
        new(id, attempts, OutboxState.Pending, at, error, retryAt);
}
