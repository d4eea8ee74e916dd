namespace Vigil.Server.Actions;

/// <summary>
/// What one event does to a request: its next form (the same when only the event is recorded, e.g. a replayed
/// request refused after the original ran) and the event's kind and detail, for the history and the audit log.
/// </summary>
public sealed record ActionChange(AgentAction Next, string Kind, string Detail);
