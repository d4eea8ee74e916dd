namespace Vigil.Server.Pools;

/// <summary>What one HAProxy instance said of a pool's backend at one read, or why it said nothing.</summary>
public sealed record InstanceSnapshot(
    HaproxyEndpoint Instance,
    RuntimeError? Error,
    IReadOnlyList<ServerStat> Stats,
    IReadOnlyList<ServerStateRow> States)
{
    public static InstanceSnapshot Failed(HaproxyEndpoint instance, RuntimeError error) => new(instance, error, [], []);

    // Looked up by name for every member of a pool: a linear search made a 500-member pool's health O(n²).
    private readonly Dictionary<string, ServerStat> _stats = Index(Stats, s => s.Server);
    private readonly Dictionary<string, ServerStateRow> _states = Index(States, s => s.Server);

    public ServerStat? Stat(string server) => _stats.GetValueOrDefault(server);

    public ServerStateRow? State(string server) => _states.GetValueOrDefault(server);

    /// <summary>The first row of each name, as the linear search found it.</summary>
    private static Dictionary<string, T> Index<T>(IReadOnlyList<T> rows, Func<T, string> name)
    {
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byName.TryAdd(name(row), row);
        }
        return byName;
    }
}
