using System.Globalization;
using Vigil.Contracts.Agents;

namespace Vigil.Agent.Network;

/// <summary>The network checks: a usable default route (IPv4 or IPv6), and each expected port listening.</summary>
internal static class NetworkRules
{
    public static CheckResult DefaultRoute(IReadOnlyList<Route> routes)
    {
        var found = routes.FirstOrDefault(r => r.IsDefault);
        return new CheckResult(CheckKinds.Route, new Dictionary<string, string> { ["route"] = "default" }, found is not null,
            found is null ? "no default route (IPv4 or IPv6)" : $"default route via {found.Gateway} on {found.Interface}");
    }

    public static IReadOnlyList<CheckResult> Listening(IReadOnlyList<ListeningSocket> sockets, IReadOnlyList<int> expectedPorts) =>
        [.. expectedPorts.Select(port =>
        {
            var listening = sockets.Where(s => s.Port == port).Select(s => s.Address.ToString()).Distinct().ToList();
            return new CheckResult(CheckKinds.Listen, new Dictionary<string, string> { ["port"] = port.ToString(CultureInfo.InvariantCulture) },
                listening.Count > 0,
                listening.Count > 0 ? $"listening on {string.Join(", ", listening)} port {port}" : $"nothing listens on TCP port {port}");
        })];
}
