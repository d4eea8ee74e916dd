namespace Vigil.Server.Storage;

/// <summary>One try at delivering an outbox message: when, how long it took, the HTTP status if a
/// response came back, and the error if it failed.</summary>
public sealed record DeliveryAttempt(DateTimeOffset AttemptedAt, TimeSpan Duration, int? StatusCode, string? Error);
