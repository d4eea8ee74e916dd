using System.Net;

namespace Vigil.Agent.Network;

/// <summary>A TCP socket in state LISTEN (0A) from <c>/proc/net/tcp</c> or <c>tcp6</c>.</summary>
internal sealed record ListeningSocket(IPAddress Address, int Port);
