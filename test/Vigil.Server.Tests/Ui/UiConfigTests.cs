using System.Net;
using Vigil.Server.Config;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Tests.Ui;

/// <summary>The <c>ui:</c> section: defaults, the trusted proxy's addresses, and errors naming file, line and key.</summary>
public sealed class UiConfigTests
{
    private const string Base = "route:\n  receiver: a\nreceivers:\n  - name: a\n";

    [Fact]
    public void NoUiSection_TrustsNoProxy()
    {
        Assert.Null(ConfigLoader.Load(Base, "vigil.yaml").Ui.TrustedProxy);
    }

    [Fact]
    public void TrustedProxy_ReadsItsKeys_WithDefaults_AndTrustsOnlyItsAddresses()
    {
        var proxy = ConfigLoader.Load(Base + "ui:\n  trusted_proxy:\n    from: [10.0.0.0/8, 127.0.0.1, '::1']\n", "vigil.yaml").Ui.TrustedProxy!;
        Assert.Equal("X-Forwarded-User", proxy.Header);
        Assert.Null(proxy.RoleHeader);
        Assert.Equal(UiRole.Viewer, proxy.DefaultRole);
        Assert.True(proxy.Trusts(IPAddress.Parse("10.1.2.3")));
        Assert.True(proxy.Trusts(IPAddress.Parse("127.0.0.1")));
        Assert.True(proxy.Trusts(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.True(proxy.Trusts(IPAddress.IPv6Loopback));
        Assert.False(proxy.Trusts(IPAddress.Parse("127.0.0.2")));
        Assert.False(proxy.Trusts(IPAddress.Parse("192.168.1.1")));
        Assert.False(proxy.Trusts(null));

        var full = ConfigLoader.Load(Base + "ui:\n  trusted_proxy:\n    header: X-Email\n    from: [192.168.0.0/16]\n    role_header: X-Role\n    default_role: responder\n",
            "vigil.yaml").Ui.TrustedProxy!;
        Assert.Equal(("X-Email", "X-Role", UiRole.Responder), (full.Header, full.RoleHeader, full.DefaultRole));
    }

    [Theory]
    [InlineData("ui:\n  trusted_proxy:\n    header: X-Forwarded-User\n", "ui.trusted_proxy.from", "")]
    [InlineData("ui:\n  trusted_proxy:\n    from: []\n", "ui.trusted_proxy.from", "give at least one address")]
    [InlineData("ui:\n  trusted_proxy:\n    from: [10.0.0.0/33]\n", "ui.trusted_proxy.from[0]", "not an IP address or CIDR block")]
    [InlineData("ui:\n  trusted_proxy:\n    from: [127.0.0.1]\n    default_role: root\n", "ui.trusted_proxy.default_role", "must be viewer, responder or admin")]
    [InlineData("ui:\n  trusted_proxy:\n    from: [127.0.0.1]\n    header: 'X User'\n", "ui.trusted_proxy.header", "not an HTTP header name")]
    [InlineData("ui:\n  proxy: {}\n", "ui.proxy", "")]
    public void BadUiSection_IsRefused_NamingLineAndKey(string section, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Base + section, "vigil.yaml"));
        Assert.True(e.Line > 0, e.Message);
        Assert.Equal(key, e.Key);
        Assert.StartsWith(reason, e.Reason, StringComparison.Ordinal);
    }

    /// <summary>Found by the fuzz test through <c>POST /api/v1/plans/validate</c>: YamlDotNet throws an ArgumentException
    /// for a lone surrogate escape, which was a 500.</summary>
    [Fact]
    public void LoneSurrogateEscape_IsAnInvalidYamlError_NotACrash()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Base + "ui: {\"trusted_proxy\": \"x\\udc00\\ud800y\"}\n", "vigil.yaml"));
        Assert.StartsWith("invalid YAML: an escape sequence", e.Reason, StringComparison.Ordinal);
    }
}
