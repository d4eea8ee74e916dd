using Microsoft.Extensions.Logging;

namespace Vigil.Server.Notify;

internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Delivered outbox message {Id} to receiver {Receiver} in {Attempts} attempt(s)")]
    public static partial void Delivered(ILogger logger, long id, string receiver, int attempts);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Delivery of outbox message {Id} to receiver {Receiver} failed: {Error}; retrying at {NextAttemptAt:o}")]
    public static partial void RetryScheduled(ILogger logger, long id, string receiver, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Gave up delivering outbox message {Id} to receiver {Receiver} after {Attempts} attempt(s): {Error}")]
    public static partial void GaveUp(ILogger logger, long id, string receiver, int attempts, string error);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Outbox delivery loop failed; backing off")]
    public static partial void LoopFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Delivering outbox message {Id} failed unexpectedly")]
    public static partial void DeliveryCrashed(ILogger logger, long id, Exception error);

    [LoggerMessage(EventId = 106, Level = LogLevel.Debug, Message = "Outbox message {Id} waited past its lease for receiver {Receiver}; left for a later claim")]
    public static partial void LeaseLapsed(ILogger logger, long id, string receiver);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Delivery of outbox message {Id} to receiver {Receiver} failed: {Error}; not retried, a newer notification of its group superseded it")]
    public static partial void Superseded(ILogger logger, long id, string receiver, string error);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Took back {Count} outbox message(s) this node had in flight when it last stopped")]
    public static partial void LeasesReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "Storing {Count} delivery outcomes together failed; storing each on its own")]
    public static partial void CompletionBatchFailed(ILogger logger, int count, Exception error);
}
