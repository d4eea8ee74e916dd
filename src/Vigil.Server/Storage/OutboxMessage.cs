namespace Vigil.Server.Storage;

/// <summary>
/// A notification to deliver: the JSON <see cref="Payload"/> to POST to <see cref="TargetUrl"/> for
/// one receiver's integration. <see cref="DedupKey"/>, when set, makes enqueueing idempotent: a second
/// message with the same key is not added (e.g. <c>group key + receiver + index + flush time</c>).
/// </summary>
public sealed record OutboxMessage(
    string Receiver,
    int IntegrationIndex,
    string TargetUrl,
    string GroupKey,
    byte[] Payload,
    DateTimeOffset CreatedAt,
    string? DedupKey = null,
    string Integration = "webhook");
