using System.Text.Json.Nodes;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// In-process Vigil as an end-to-end test sees it, whether one node (<see cref="VigilInstance"/>) or a cluster
/// (<see cref="VigilCluster"/>): <see cref="IVigilServer.Url"/> is what users reach it by, <see cref="IVigilServer.Http"/>
/// a client with the admin token.
/// </summary>
public interface IVigilDeployment : IVigilServer, IAsyncDisposable
{
    /// <summary>Posts alerts as Prometheus would (to a cluster: as the deployment was started to, see <see cref="ClusterIngest"/>).</summary>
    Task<HttpResponseMessage> PostAlertsAsync(string json, HttpClient? client = null);

    Task<JsonArray> GetAlertsAsync(string query = "");

    /// <summary>Stops gracefully and starts again on the same data: the server, or each node of a cluster in turn.</summary>
    Task RestartAsync();
}
