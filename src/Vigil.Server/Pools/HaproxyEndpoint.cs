namespace Vigil.Server.Pools;

/// <summary>
/// Where one HAProxy instance's Runtime API listens: a unix socket (<c>socket: /run/haproxy/admin.sock</c>) or a
/// TCP address (<c>address: 127.0.0.1:9999</c>), from a <c>stats socket … level admin</c> line.
/// </summary>
public sealed record HaproxyEndpoint
{
    private HaproxyEndpoint(string? socketPath, string? host, int port)
    {
        SocketPath = socketPath;
        Host = host;
        Port = port;
    }

    /// <summary>The unix socket's absolute path, or null for a TCP address.</summary>
    public string? SocketPath { get; }

    /// <summary>The TCP host, or null for a unix socket.</summary>
    public string? Host { get; }

    public int Port { get; }

    /// <summary>How the instance is named in answers and messages: the socket path or host:port.</summary>
    public string Label => SocketPath ?? (Host!.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}");

    public static HaproxyEndpoint Socket(string path) => new(path, null, 0);

    public static HaproxyEndpoint Address(string host, int port) => new(null, host, port);

    public override string ToString() => Label;
}
