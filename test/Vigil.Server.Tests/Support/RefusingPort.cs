using System.Net;
using System.Net.Sockets;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// A loopback port that refuses connections for as long as this is held: bound, never listening. A port found free and
/// then let go can be taken meanwhile by another test's server, or picked as an outgoing connection's own port, which on
/// Linux then connects to itself: a probe of such a "closed" port came up once in a full run (ProbeLeaseTests).
/// </summary>
public sealed class RefusingPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
