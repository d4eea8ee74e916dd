using System.Net;
using Vigil.Server.Config;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web;

/// <summary>Reads <c>ui:</c>: <c>trusted_proxy</c> with <c>header</c>, <c>from</c>, <c>role_header</c> and <c>default_role</c>.</summary>
internal static class UiConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "trusted_proxy" };

    private static readonly IReadOnlySet<string> ProxyKnown = new HashSet<string>(StringComparer.Ordinal) { "header", "from", "role_header", "default_role" };

    public static UiOptions Read(YamlCursor? node)
    {
        if (node is null || node.IsNull)
        {
            return new UiOptions();
        }
        var map = node.Map(Known);
        return map.Get("trusted_proxy") is { IsNull: false } proxy ? new UiOptions { TrustedProxy = ReadProxy(proxy) } : new UiOptions();
    }

    private static TrustedProxyOptions ReadProxy(YamlCursor node)
    {
        var map = node.Map(ProxyKnown);
        var options = new TrustedProxyOptions();
        if (map.Get("header") is { } header)
        {
            options = options with { Header = HeaderName(header) };
        }
        if (map.Get("role_header") is { IsNull: false } roleHeader)
        {
            options = options with { RoleHeader = HeaderName(roleHeader) };
        }
        if (map.Get("default_role") is { } role)
        {
            options = options with
            {
                DefaultRole = UiRoles.TryParse(role.Text(), out var r) ? r : throw role.Error($"must be viewer, responder or admin (got \"{role.Text()}\")"),
            };
        }
        var fromNode = map.Required("from");
        var from = new List<IPNetwork>();
        foreach (var item in fromNode.Items())
        {
            from.Add(Network(item));
        }
        if (from.Count == 0)
        {
            throw fromNode.Error("give at least one address or CIDR block of the proxy (e.g. [127.0.0.1/32]); the header is trusted from nowhere else");
        }
        return options with { From = from };
    }

    private static IPNetwork Network(YamlCursor item)
    {
        var text = item.Text().Trim();
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }
        if (IPAddress.TryParse(text, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }
        throw item.Error($"not an IP address or CIDR block such as 127.0.0.1/32 or 10.0.0.0/8: \"{text}\"");
    }

    private static string HeaderName(YamlCursor node)
    {
        var text = node.Text().Trim();
        return text.Length is > 0 and <= 100 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? text
            : throw node.Error($"not an HTTP header name (letters, digits, '-', '_'): \"{text}\"");
    }
}
