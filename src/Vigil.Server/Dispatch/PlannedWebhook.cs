using Vigil.Server.Storage;

namespace Vigil.Server.Dispatch;

/// <summary>
/// A webhook notification planned at a flush: the outbox message and what it was built from, so that when it
/// supersedes older undelivered ones of its group it can be rebuilt with the resolutions they held
/// (<see cref="ResolutionCarryOver"/>).
/// </summary>
public sealed record PlannedWebhook(OutboxMessage Message, GroupFlush Flush, NotificationDecision Decision, int MaxAlerts, string ExternalUrl);
