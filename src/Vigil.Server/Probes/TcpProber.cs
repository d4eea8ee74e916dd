using System.Net.Sockets;

namespace Vigil.Server.Probes;

/// <summary>A <c>tcp</c> probe: connect, then close.</summary>
internal sealed class TcpProber(TcpProbeSpec spec, TimeProvider clock) : IProber
{
    public async Task<ProbeResult> RunAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(spec.Host, spec.Port, ct).ConfigureAwait(false);
            return ProbeResult.Pass(clock.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ProbeResult.Fail(clock.GetElapsedTime(started), "timed out");
        }
        catch (SocketException e)
        {
            return ProbeResult.Fail(clock.GetElapsedTime(started), $"connect to {spec.Host}:{spec.Port}: {e.Message}");
        }
    }

    public void Dispose()
    {
    }
}
