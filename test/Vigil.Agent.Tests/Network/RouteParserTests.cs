using System.Net;
using Vigil.Agent.Network;

namespace Vigil.Agent.Tests.Network;

public sealed class RouteParserTests
{
    [Fact]
    public void ParseIpv4_ThisMachine_FindsDefaultRouteViaGateway()
    {
        var routes = RouteParser.ParseIpv4(File.ReadAllText(Fixture.Path("route.thismachine")));
        var def = Assert.Single(routes, r => r.IsDefault);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), def.Gateway);
        Assert.Equal("eth0", def.Interface);
        Assert.Contains(routes, r => r.PrefixLength == 24 && r.Destination.Equals(IPAddress.Parse("192.0.2.0")));
    }

    [Fact]
    public void ParseIpv6_ThisMachine_FindsDefaultRouteAndIgnoresLoopbackReject()
    {
        var routes = RouteParser.ParseIpv6(File.ReadAllText(Fixture.Path("ipv6_route.thismachine")));
        var def = Assert.Single(routes, r => r.IsDefault);
        Assert.Equal(IPAddress.Parse("fd00::1"), def.Gateway);
        Assert.Contains(routes, r => r.PrefixLength == 0 && r.Interface == "lo" && !r.Usable);
    }

    [Fact]
    public void DefaultRoute_NoneInEitherTable_Fails()
    {
        var routes = RouteParser.ParseIpv4("Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\neth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
        Assert.False(NetworkRules.DefaultRoute(routes).Passed);
    }

    [Fact]
    public void DefaultRoute_DownRoute_DoesNotCount() =>
        Assert.DoesNotContain(RouteParser.ParseIpv4("header\neth0\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\t0\t0\t0\n"), r => r.IsDefault);
}
