using Vigil.Server.Notify;

namespace Vigil.Server.Tests.Notify;

/// <summary>
/// Connections to receivers are kept as Alertmanager keeps them (prometheus/common's HTTP client: 5 minutes idle), not
/// .NET's 1 minute, so a page after a quiet few minutes needs no new TCP and TLS handshake. The handler's own clock is
/// real time, so the test reads the settings every receiver client is built with.
/// </summary>
public sealed class ReceiverConnectionsTests
{
    [Fact]
    public void AnIdleConnectionToAReceiver_IsKeptFiveMinutes_AndNoConnectionLivesLonger()
    {
        using var handler = ReceiverConnections.Handler();

        Assert.Equal(TimeSpan.FromMinutes(5), handler.PooledConnectionIdleTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), handler.PooledConnectionLifetime);
        Assert.False(handler.UseCookies);
    }
}
