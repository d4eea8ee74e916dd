using System.Net;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web;

/// <summary><c>ui.trusted_proxy</c>: requests from <see cref="From"/> are signed in as the user named in
/// <see cref="Header"/> (the oauth2-proxy setup). From any other address the header is ignored.</summary>
public sealed record TrustedProxyOptions
{
    /// <summary><c>header</c>: the request header holding the user name. Default <c>X-Forwarded-User</c>.</summary>
    public string Header { get; init; } = "X-Forwarded-User";

    /// <summary><c>from</c>: the proxy's addresses (CIDR blocks or single addresses). Required, at least one.</summary>
    public IReadOnlyList<IPNetwork> From { get; init; } = [];

    /// <summary><c>role_header</c>: a header whose value (viewer, responder or admin) gives the role of a user with no
    /// local account. Default: none.</summary>
    public string? RoleHeader { get; init; }

    /// <summary><c>default_role</c>: the role of a proxy user with no local account (and no valid role header). Default viewer.</summary>
    public UiRole DefaultRole { get; init; } = UiRole.Viewer;

    /// <summary>True when <paramref name="address"/> is one of the proxy's.</summary>
    public bool Trusts(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        foreach (var network in From)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }
}
