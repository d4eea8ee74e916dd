namespace Vigil.Server.Tests.Support;

/// <summary>Starts what an end-to-end test runs against, by engine (<see cref="Engines.EndToEnd"/>).</summary>
public static class VigilDeployment
{
    /// <summary>
    /// One in-process node on <c>sqlite</c> or <c>postgres</c>, or a <see cref="VigilCluster"/> for
    /// <see cref="Engines.TwoNodes"/>, which gets alerts the way <paramref name="ingest"/> says.
    /// </summary>
    public static async Task<IVigilDeployment> StartAsync(string engine, string configYaml, ClusterIngest ingest) =>
        engine == Engines.TwoNodes
            ? await VigilCluster.StartAsync(configYaml, ingest)
            : await VigilInstance.StartAsync(engine, configYaml);
}
