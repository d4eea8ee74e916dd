namespace Vigil.Server.Tests.Support;

/// <summary>Starts real <c>vigil server</c> processes by engine (<see cref="Engines.EndToEnd"/>).</summary>
public static class VigilProcesses
{
    /// <summary>One node on <c>sqlite</c> or <c>postgres</c> with its data in <paramref name="dir"/>/data, or a
    /// <see cref="VigilProcessCluster"/> for <see cref="Engines.TwoNodes"/>.</summary>
    public static async Task<IVigilProcesses> StartAsync(string engine, string dir, string configPath) =>
        engine switch
        {
            Engines.TwoNodes => await VigilProcessCluster.StartAsync(dir, configPath),
            "postgres" => await VigilProcess.StartAsync(Path.Combine(dir, "data"), configPath, await PostgresTestDatabase.CreateAsync()),
            _ => await VigilProcess.StartAsync(Path.Combine(dir, "data"), configPath, null),
        };
}
