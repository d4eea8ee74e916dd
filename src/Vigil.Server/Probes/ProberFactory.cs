namespace Vigil.Server.Probes;

/// <summary>The <see cref="IProber"/> for a probe's kind.</summary>
internal static class ProberFactory
{
    public static IProber Create(ProbeDefinition probe, TimeProvider clock) => probe switch
    {
        { Http: { } http } => new HttpProber(http, clock),
        { Tcp: { } tcp } => new TcpProber(tcp, clock),
        { Dns: { } dns } => new DnsProber(dns, probe.Timeout, clock),
        _ => throw new ArgumentException($"probe {probe.Name} has no kind", nameof(probe)),
    };
}
