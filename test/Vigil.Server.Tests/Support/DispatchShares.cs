using System.Text.Json.Nodes;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// The 64 dispatch shards of a cluster, as <c>GET /api/v1/nodes</c> shows them: a test waits until the nodes up hold
/// them in even shares, so what it checks next happens after every takeover or hand-back (when a node rebuilds its
/// groups from the notification log), and both nodes flush groups.
/// </summary>
internal static class DispatchShares
{
    private const int Shards = 64;

    /// <summary>Waits until each of <paramref name="nodes"/> (clients of one node each) holds its even share; fails the test otherwise.</summary>
    public static Task WaitEvenAsync(IReadOnlyList<HttpClient> nodes) =>
        Eventually.TrueAsync(async () =>
        {
            foreach (var node in nodes)
            {
                if (await HeldAsync(node) != Shards / nodes.Count)
                {
                    return false;
                }
            }
            return true;
        }, TimeSpan.FromSeconds(60));

    private static async Task<int> HeldAsync(HttpClient node) =>
        JsonNode.Parse(await node.GetStringAsync("api/v1/nodes"))!["nodes"]!.AsArray()
            .Where(n => n!["self"]!.GetValue<bool>())
            .Sum(n => n!["leases"]!.AsArray().Count(l => l!["kind"]!.ToString() == "dispatch"));
}
