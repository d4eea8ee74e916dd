namespace Vigil.Server.Oncall;

/// <summary>People, teams and schedules (the <c>people:</c>, <c>teams:</c>, <c>schedules:</c> sections) and the
/// <c>oncall:</c> settings. Default: none of each, no gap warning.</summary>
public sealed record OnCallOptions
{
    /// <summary><c>people:</c>, by name. Default none.</summary>
    public IReadOnlyDictionary<string, Person> People { get; init; } = new Dictionary<string, Person>(StringComparer.Ordinal);

    /// <summary><c>teams:</c>, by name. Default none.</summary>
    public IReadOnlyDictionary<string, Team> Teams { get; init; } = new Dictionary<string, Team>(StringComparer.Ordinal);

    /// <summary><c>schedules:</c>, by name, in the order of the file. Default none.</summary>
    public IReadOnlyList<Schedule> Schedules { get; init; } = [];

    /// <summary><c>oncall.gap_warning</c>; null (the default) sends no warning.</summary>
    public GapWarningOptions? GapWarning { get; init; }

    public Schedule? FindSchedule(string name) => Schedules.FirstOrDefault(s => s.Name == name);
}
