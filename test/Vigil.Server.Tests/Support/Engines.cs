namespace Vigil.Server.Tests.Support;

/// <summary>The storage engines and deployments tests run on.</summary>
public static class Engines
{
    /// <summary>Two <c>vigil server</c> nodes on one PostgreSQL database (see <see cref="VigilCluster"/>).</summary>
    public const string TwoNodes = "postgres-2-nodes";

    /// <summary>Every storage-touching test runs on both engines.</summary>
    public static TheoryData<string> Both => new() { "sqlite", "postgres" };

    /// <summary>
    /// The end-to-end suites also run against a two-node cluster: one node on SQLite, one on PostgreSQL, two nodes on one
    /// PostgreSQL database. Kept to those suites, as each cluster costs a database and two servers.
    /// </summary>
    public static TheoryData<string> EndToEnd => new() { "sqlite", "postgres", TwoNodes };
}
