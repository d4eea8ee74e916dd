namespace Vigil.Server.Oncall;

/// <summary>The API-made overrides in memory, replaced whole from the store; <see cref="Version"/> changes with each replacement.</summary>
public sealed class OverrideSet
{
    private readonly Lock _gate = new();
    private State _state = new(0, new Dictionary<string, IReadOnlyList<ScheduleOverride>>(StringComparer.Ordinal));

    public long Version => Volatile.Read(ref _state).Version;

    /// <summary>Raised after the overrides changed (the UI's live pages listen).</summary>
    public event Action? Changed;

    public void Replace(IReadOnlyList<ScheduleOverride> all)
    {
        var bySchedule = all.GroupBy(o => o.Schedule, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ScheduleOverride>)[.. g], StringComparer.Ordinal);
        lock (_gate)
        {
            var old = _state;
            if (old.Version > 0 && Same(old.BySchedule, bySchedule))
            {
                return;
            }
            Volatile.Write(ref _state, new State(old.Version + 1, bySchedule));
        }
        Changed?.Invoke();
    }

    /// <summary>The schedule's config overrides, then its API ones.</summary>
    public IReadOnlyList<ScheduleOverride> For(Schedule schedule) =>
        Volatile.Read(ref _state).BySchedule.TryGetValue(schedule.Name, out var api)
            ? [.. schedule.Overrides, .. api]
            : schedule.Overrides;

    public IReadOnlyList<ScheduleOverride> Api(string schedule) =>
        Volatile.Read(ref _state).BySchedule.TryGetValue(schedule, out var api) ? api : [];

    private static bool Same(IReadOnlyDictionary<string, IReadOnlyList<ScheduleOverride>> a, Dictionary<string, IReadOnlyList<ScheduleOverride>> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && p.Value.SequenceEqual(other));

    private sealed record State(long Version, IReadOnlyDictionary<string, IReadOnlyList<ScheduleOverride>> BySchedule);
}
