using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>Three real <c>vigil server</c> processes (a, b, c) on one fresh PostgreSQL database, with one configuration.</summary>
internal sealed class ClusterRig : IAsyncDisposable
{
    private ClusterRig(string dir, string config, string postgres, List<VigilProcess> nodes)
    {
        Dir = dir;
        ConfigPath = config;
        Postgres = postgres;
        Nodes = nodes;
    }

    public string Dir { get; }

    public string ConfigPath { get; }

    public string Postgres { get; }

    public List<VigilProcess> Nodes { get; }

    public static async Task<ClusterRig> StartAsync(string configYaml, int count = 3)
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("vigil-cluster-").FullName;
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, configYaml);
        var nodes = new List<VigilProcess>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var name = ((char)('a' + i)).ToString();
                nodes.Add(await VigilProcess.StartNodeAsync(Path.Combine(dir, name), config, postgres, "node-" + name, nodes.FirstOrDefault()?.Token));
            }
        }
        catch
        {
            foreach (var n in nodes)
            {
                await n.DisposeAsync();
            }
            throw;
        }
        return new ClusterRig(dir, config, postgres, nodes);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var n in Nodes)
        {
            await n.DisposeAsync();
        }
    }
}
