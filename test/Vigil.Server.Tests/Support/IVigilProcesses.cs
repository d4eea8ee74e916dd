namespace Vigil.Server.Tests.Support;

/// <summary>
/// Vigil as real <c>vigil server</c> processes a test can SIGKILL: one node (<see cref="VigilProcess"/>) or a cluster
/// (<see cref="VigilProcessCluster"/>).
/// </summary>
public interface IVigilProcesses : IAsyncDisposable
{
    /// <summary>A client with the admin token; to a cluster, through a round-robin load balancer over the nodes up.</summary>
    HttpClient CreateClient();

    /// <summary>SIGKILL of every node (a cluster losing power as a whole).</summary>
    void Kill9();

    /// <summary>SIGKILL of one node; the other nodes of a cluster keep serving, and have taken over its dispatch shards
    /// when this returns.</summary>
    Task Kill9OneNodeAsync();

    /// <summary>Starts every killed node again on its data.</summary>
    Task RestartAsync();
}
