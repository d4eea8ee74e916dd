using System.Globalization;
using System.Net;

namespace Vigil.Agent.Network;

/// <summary>Parses <c>/proc/net/route</c> (IPv4, hex little-endian, with a header) and <c>/proc/net/ipv6_route</c> (hex, no header).</summary>
internal static class RouteParser
{
    private const int RtfUp = 0x0001;
    private const int RtfReject = 0x0200;

    /// <summary><c>Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT</c>.</summary>
    public static IReadOnlyList<Route> ParseIpv4(string text)
    {
        var routes = new List<Route>();
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8
                || !uint.TryParse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var dest)
                || !uint.TryParse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var gateway)
                || !int.TryParse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags)
                || !uint.TryParse(f[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask))
            {
                continue;
            }
            // The kernel prints the address in host byte order as hex: on little-endian machines the bytes come reversed.
            routes.Add(new Route(new IPAddress(dest), System.Numerics.BitOperations.PopCount(mask), new IPAddress(gateway), f[0],
                (flags & RtfUp) != 0 && (flags & RtfReject) == 0));
        }
        return routes;
    }

    /// <summary><c>dest dest_plen src src_plen next_hop metric refcnt use flags iface</c>.</summary>
    public static IReadOnlyList<Route> ParseIpv6(string text)
    {
        var routes = new List<Route>();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || f[0].Length != 32 || f[4].Length != 32
                || !int.TryParse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var plen)
                || !int.TryParse(f[8], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags))
            {
                continue;
            }
            routes.Add(new Route(new IPAddress(Convert.FromHexString(f[0])), plen, new IPAddress(Convert.FromHexString(f[4])), f[9],
                (flags & RtfUp) != 0 && (flags & RtfReject) == 0 && f[9] != "lo"));
        }
        return routes;
    }
}
