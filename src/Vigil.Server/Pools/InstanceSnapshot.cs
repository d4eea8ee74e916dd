namespace Vigil.Server.Pools;

/// <summary>What one HAProxy instance said of a pool's backend at one read, or why it said nothing.</summary>
public sealed record InstanceSnapshot(
    HaproxyEndpoint Instance,
    RuntimeError? Error,
    IReadOnlyList<ServerStat> Stats,
    IReadOnlyList<ServerStateRow> States)
{
    public static InstanceSnapshot Failed(HaproxyEndpoint instance, RuntimeError error) => new(instance, error, [], []);

    public ServerStat? Stat(string server) => Stats.FirstOrDefault(s => s.Server == server);

    public ServerStateRow? State(string server) => States.FirstOrDefault(s => s.Server == server);
}
