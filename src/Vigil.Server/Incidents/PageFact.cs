namespace Vigil.Server.Incidents;

/// <summary>What the times need from a linked page: when it was opened and first acknowledged.</summary>
public sealed record PageFact(long Id, string Title, string State, DateTimeOffset CreatedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);
