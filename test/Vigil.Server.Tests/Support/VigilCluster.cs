using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// Two in-process nodes, node-a and node-b, on one fresh PostgreSQL database with the same configuration, run as a user
/// runs a cluster behind a load balancer: <see cref="Http"/> spreads requests round-robin over the nodes
/// (<see cref="RoundRobinHandler"/>), <see cref="Url"/> is the load balancer's address and every node announces it as
/// <c>externalURL</c> (<c>server.external_url</c>, as a user behind a load balancer sets it). Alerts go to one node per
/// request or to every node, as the test says (<see cref="ClusterIngest"/>). It is handed to the test once both nodes hold
/// their share of the dispatch shards, so both flush groups.
/// </summary>
public sealed class VigilCluster : IVigilDeployment
{
    /// <summary>The load balancer's address: only <see cref="Http"/> and <see cref="CreateClient"/> resolve it.</summary>
    public const string Address = "http://vigil-cluster.test:9093";

    private readonly ClusterIngest _ingest;

    private VigilCluster(IReadOnlyList<VigilInstance> nodes, ClusterIngest ingest)
    {
        Nodes = nodes;
        _ingest = ingest;
        Http = CreateClient();
    }

    public IReadOnlyList<VigilInstance> Nodes { get; }

    public string Url => Address;

    public HttpClient Http { get; }

    public static async Task<VigilCluster> StartAsync(string configYaml, ClusterIngest ingest)
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        var yaml = WithExternalUrl(configYaml, Address);
        var a = await VigilInstance.StartNodeAsync(postgres, "node-a", yaml);
        try
        {
            var b = await VigilInstance.StartNodeAsync(postgres, "node-b", yaml, a);
            await DispatchShares.WaitEvenAsync([a.Http, b.Http]);
            return new VigilCluster([a, b], ingest);
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the load balancer carrying the admin token.</summary>
    public HttpClient CreateClient()
    {
        var http = new HttpClient(new RoundRobinHandler(() => [.. Nodes.Select(n => n.Url)]))
        {
            BaseAddress = new Uri(Address + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Nodes[0].AdminToken);
        return http;
    }

    public async Task<HttpResponseMessage> PostAlertsAsync(string json, HttpClient? client = null)
    {
        if (client is not null || _ingest == ClusterIngest.LoadBalancer)
        {
            return await Nodes[0].PostAlertsAsync(json, client ?? Http);
        }
        HttpResponseMessage? answer = null;
        foreach (var node in Nodes)
        {
            var response = await node.PostAlertsAsync(json);
            if (answer is null || answer.IsSuccessStatusCode)
            {
                answer = response;
            }
        }
        return answer!;
    }

    public async Task<JsonArray> GetAlertsAsync(string query = "") =>
        JsonNode.Parse(await Http.GetStringAsync("api/v2/alerts" + query))!.AsArray();

    /// <summary>
    /// A rolling restart: each node is stopped gracefully and started again, and is ready and holds its share of the
    /// dispatch shards again before the next one stops.
    /// </summary>
    public async Task RestartAsync()
    {
        foreach (var node in Nodes)
        {
            await node.RestartAsync();
            await Eventually.TrueAsync(async () => (await node.Http.GetAsync("-/ready")).IsSuccessStatusCode);
            await DispatchShares.WaitEvenAsync([.. Nodes.Select(n => n.Http)]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>The configuration with <c>server.external_url</c> set, in the <c>server</c> section it may already have.</summary>
    private static string WithExternalUrl(string yaml, string url)
    {
        var lines = yaml.ReplaceLineEndings("\n").Split('\n').ToList();
        var server = lines.FindIndex(l => l.TrimEnd() == "server:");
        if (server < 0)
        {
            lines.AddRange(["server:", "  external_url: " + url]);
        }
        else
        {
            lines.Insert(server + 1, "  external_url: " + url);
        }
        return string.Join('\n', lines) + "\n";
    }
}
