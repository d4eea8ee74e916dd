namespace Vigil.Drill.Demo;

/// <summary>What a simulated host does in the demo's shop; it decides its files, its processes and its agent's checks.</summary>
internal enum HostRole
{
    LoadBalancer,
    Cache,
    Database,
    Web,
}
