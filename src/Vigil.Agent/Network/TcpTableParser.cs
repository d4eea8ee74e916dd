using System.Globalization;
using System.Net;

namespace Vigil.Agent.Network;

/// <summary>
/// Parses <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>: <c>sl local_address rem_address st …</c>, addresses as
/// hex <c>ADDR:PORT</c> (the address in 32-bit words of host byte order), state <c>0A</c> = LISTEN.
/// </summary>
internal static class TcpTableParser
{
    public const string ListenState = "0A";

    public static IReadOnlyList<ListeningSocket> ParseListening(string text)
    {
        var sockets = new List<ListeningSocket>();
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 4 || f[3] != ListenState)
            {
                continue;
            }
            var colon = f[1].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !int.TryParse(f[1][(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port)
                || ParseAddress(f[1][..colon]) is not { } address)
            {
                continue;
            }
            sockets.Add(new ListeningSocket(address, port));
        }
        return sockets;
    }

    private static IPAddress? ParseAddress(string hex)
    {
        if (hex.Length is not (8 or 32))
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
        if (BitConverter.IsLittleEndian)
        {
            for (var w = 0; w < bytes.Length; w += 4)
            {
                Array.Reverse(bytes, w, 4);
            }
        }
        return new IPAddress(bytes);
    }
}
