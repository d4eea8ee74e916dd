using System.Net.Http.Headers;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// Two real <c>vigil server</c> processes, node-a and node-b, on one fresh PostgreSQL database with the same configuration
/// file, each with its own data folder under one directory. Clients reach them through a round-robin load balancer
/// that sends nothing to a killed node (<see cref="RoundRobinHandler"/>).
/// </summary>
public sealed class VigilProcessCluster : IVigilProcesses
{
    private readonly List<VigilProcess> _killed = [];

    private VigilProcessCluster(IReadOnlyList<VigilProcess> nodes) => Nodes = nodes;

    public IReadOnlyList<VigilProcess> Nodes { get; }

    public static async Task<VigilProcessCluster> StartAsync(string dir, string configPath)
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        var a = await VigilProcess.StartNodeAsync(Path.Combine(dir, "a"), configPath, postgres, "node-a");
        try
        {
            var b = await VigilProcess.StartNodeAsync(Path.Combine(dir, "b"), configPath, postgres, "node-b", a.Token);
            await DispatchShares.WaitEvenAsync([a.Http, b.Http]);
            return new VigilProcessCluster([a, b]);
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient()
    {
        var http = new HttpClient(new RoundRobinHandler(() => [.. Nodes.Except(_killed).Select(n => n.Url)]))
        {
            BaseAddress = new Uri(VigilCluster.Address + "/"),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Nodes[0].Token);
        return http;
    }

    public void Kill9()
    {
        foreach (var node in Nodes.Except(_killed).ToList())
        {
            Kill(node);
        }
    }

    /// <summary>Kills node-a; node-b keeps serving and takes over every dispatch shard once node-a's leases run out.</summary>
    public async Task Kill9OneNodeAsync()
    {
        Kill(Nodes[0]);
        await DispatchShares.WaitEvenAsync([.. Nodes.Except(_killed).Select(n => n.Http)]);
    }

    /// <summary>Starts every killed node again and waits until the nodes hold their shares of the dispatch shards again
    /// (a restarted node waits out its dead predecessor's leases), so what the test checks next follows the takeover.</summary>
    public async Task RestartAsync()
    {
        foreach (var node in _killed.ToList())
        {
            await node.RestartAsync();
            _killed.Remove(node);
        }
        await DispatchShares.WaitEvenAsync([.. Nodes.Select(n => n.Http)]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }

    private void Kill(VigilProcess node)
    {
        node.Kill9();
        _killed.Add(node);
    }
}
