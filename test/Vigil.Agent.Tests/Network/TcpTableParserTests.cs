using System.Net;
using Vigil.Agent.Network;

namespace Vigil.Agent.Tests.Network;

public sealed class TcpTableParserTests
{
    [Fact]
    public void ParseListening_ThisMachine_ReadsListeningSocketsOnly()
    {
        var sockets = TcpTableParser.ParseListening(File.ReadAllText(Fixture.Path("tcp.thismachine")));
        Assert.Contains(new ListeningSocket(IPAddress.Any, 0x07E8), sockets);
        Assert.Contains(new ListeningSocket(IPAddress.Loopback, 0xD89C), sockets);
        Assert.Equal(5, sockets.Count); // the TIME_WAIT (06) line is not listening
    }

    [Fact]
    public void ParseListening_Tcp6_ReadsAddressWords()
    {
        const string text = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20466 1 0000000000000000 100 0 0 10 0
               1: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20467 1 0000000000000000 100 0 0 10 0
            """;
        var sockets = TcpTableParser.ParseListening(text);
        Assert.Equal([new ListeningSocket(IPAddress.IPv6Any, 22), new ListeningSocket(IPAddress.IPv6Loopback, 8080)], sockets);
    }

    [Fact]
    public void Listening_ExpectedPortMissing_Fails()
    {
        var results = NetworkRules.Listening([new ListeningSocket(IPAddress.Any, 22)], [22, 8080]);
        Assert.True(results[0].Passed);
        Assert.False(results[1].Passed);
        Assert.Equal("8080", results[1].Subject["port"]);
    }
}
