namespace Vigil.Server.Probes;

/// <summary>A <c>tcp</c> probe: passes when a connection to host:port is accepted.</summary>
public sealed record TcpProbeSpec(string Host, int Port);
