using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>
/// One layer of a schedule: <see cref="Members"/> take turns, each for <see cref="Rotation"/>, the first turn
/// starting on <see cref="Start"/> at <see cref="Handoff"/> local time in <see cref="Zone"/>; with
/// <see cref="Restrictions"/> the layer only covers those local times.
/// </summary>
public sealed record Layer(
    string Name,
    IReadOnlyList<string> Members,
    Rotation Rotation,
    LocalTime Handoff,
    LocalDate Start,
    DateTimeZone Zone,
    IReadOnlyList<Restriction> Restrictions);
