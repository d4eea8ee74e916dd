using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>A schedule (<c>schedules[]</c>): layers, later ones winning over earlier ones, and config overrides.</summary>
public sealed record Schedule(
    string Name,
    DateTimeZone Zone,
    IReadOnlyList<Layer> Layers,
    IReadOnlyList<ScheduleOverride> Overrides);
