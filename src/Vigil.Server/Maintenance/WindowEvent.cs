namespace Vigil.Server.Maintenance;

/// <summary>
/// Something that happened to a window, kept for incident timelines: <see cref="WindowEventKinds"/>. Each kind
/// happens at most once per occurrence (identified by its start).
/// </summary>
public sealed record WindowEvent(long Id, string WindowId, DateTimeOffset OccurrenceStart, string Kind, DateTimeOffset At, string? Detail);
