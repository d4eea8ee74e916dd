using System.Net;

namespace Vigil.Agent.Network;

/// <summary>A routing-table entry: destination prefix, gateway, interface, and whether it is usable (up, not reject).</summary>
internal sealed record Route(IPAddress Destination, int PrefixLength, IPAddress Gateway, string Interface, bool Usable)
{
    public bool IsDefault => PrefixLength == 0 && Usable;
}
