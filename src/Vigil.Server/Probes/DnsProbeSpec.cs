using System.Net;

namespace Vigil.Server.Probes;

/// <summary>A <c>dns</c> probe: a query that must be answered (with <see cref="Expected"/> among the answers, when given).</summary>
public sealed record DnsProbeSpec
{
    public required string Name { get; init; }

    /// <summary>A, AAAA, CNAME, TXT or MX. Default A.</summary>
    public string RecordType { get; init; } = "A";

    /// <summary>An answer that must be present (an address, a host name, a TXT string or an MX exchange). Default: any answer.</summary>
    public string? Expected { get; init; }

    /// <summary>The DNS server to ask. Default: the system resolver.</summary>
    public IPEndPoint? Server { get; init; }
}
