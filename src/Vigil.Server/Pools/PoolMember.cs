namespace Vigil.Server.Pools;

/// <summary>One member of a pool: the server's name in the HAProxy backend and the Vigil host (agent name) it runs on.</summary>
public sealed record PoolMember(string Server, string Host);
