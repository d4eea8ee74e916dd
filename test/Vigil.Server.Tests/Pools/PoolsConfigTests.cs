using Vigil.Server.Config;
using Vigil.Server.Pools;

namespace Vigil.Server.Tests.Pools;

/// <summary>The <c>pools:</c> section: what it reads, and errors naming file, line and key.</summary>
public sealed class PoolsConfigTests
{
    // Four lines; the pool starts on line 5.
    private const string Base = "route:\n  receiver: ops\nreceivers:\n  - name: ops\n";

    private const string Valid = """
        pools:
          - name: web
            backend: web_servers
            min_healthy: 1
            haproxy:
              - socket: /run/haproxy/lb1.sock
              - address: 10.0.0.2:9999
            members:
              web-1: lb-1
              web-2: lb-2

        """;

    [Fact]
    public void Pool_IsRead_WithEveryInstanceAndMember()
    {
        var pool = Assert.Single(ConfigLoader.Load(Base + Valid, "vigil.yaml").Pools);
        Assert.Equal(("web", "web_servers", 1, TimeSpan.FromSeconds(2)), (pool.Name, pool.Backend, pool.MinHealthy, pool.Timeout));
        Assert.Equal(["/run/haproxy/lb1.sock", "10.0.0.2:9999"], pool.Instances.Select(i => i.Label));
        Assert.Equal(("10.0.0.2", 9999), (pool.Instances[1].Host, pool.Instances[1].Port));
        Assert.Equal([new PoolMember("web-1", "lb-1"), new PoolMember("web-2", "lb-2")], pool.Members);
        Assert.Equal(pool.Members[1], pool.FindMember("lb-2"));
        Assert.Empty(ConfigLoader.Load(Base, "vigil.yaml").Pools);
    }

    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        { "min_healthy: 1", "min_healthy: 3", 8, "pools[0].min_healthy", "must be from 0 to the number of members (2)" },
        { "min_healthy: 1", "min_healthy: -1", 8, "pools[0].min_healthy", "must be from 0 to the number of members (2)" },
        { "    min_healthy: 1\n", "", 6, "pools[0].min_healthy", "missing required key" },
        { "backend: web_servers", "backend: 'web servers'", 7, "pools[0].backend", "not an HAProxy backend name: \"web servers\" (letters, digits, '.', '_', ':', '-')" },
        { "backend: web_servers", "backend: 'web;shutdown'", 7, "pools[0].backend", "not an HAProxy backend name: \"web;shutdown\" (letters, digits, '.', '_', ':', '-')" },
        { "  - name: web", "  - name: 'web/1'", 6, "pools[0].name", "must be letters, digits, '.', '_' or '-'" },
        { "min_healthy: 1", "min_healthy: 1\n    weight: 3", 9, "pools[0].weight", "unknown key" },
        { "- socket: /run/haproxy/lb1.sock", "- socket: haproxy.sock", 10, "pools[0].haproxy[0].socket", "must be an absolute path to HAProxy's admin socket, got \"haproxy.sock\"" },
        { "- socket: /run/haproxy/lb1.sock", "- {socket: /a.sock, address: '1.2.3.4:5'}", 10, "pools[0].haproxy[0]", "an HAProxy instance has either socket (a unix socket path) or address (host:port)" },
        { "- socket: /run/haproxy/lb1.sock", "- path: /a.sock", 10, "pools[0].haproxy[0].path", "unknown key" },
        { "- address: 10.0.0.2:9999", "- address: 10.0.0.2", 11, "pools[0].haproxy[1].address", "expected host:port, got \"10.0.0.2\"" },
        { "- address: 10.0.0.2:9999", "- socket: /run/haproxy/lb1.sock", 11, "pools[0].haproxy[1]", "HAProxy instance /run/haproxy/lb1.sock is listed twice" },
        { "    haproxy:\n      - socket: /run/haproxy/lb1.sock\n      - address: 10.0.0.2:9999\n", "    haproxy: []\n", 9, "pools[0].haproxy", "a pool needs at least one HAProxy instance" },
        { "web-2: lb-2", "web-2: lb-1", 14, "pools[0].members.web-2", "host \"lb-1\" is already the host of server \"web-1\"" },
        { "web-2: lb-2", "'web 2': lb-2", 14, "pools[0].members.web 2", "not an HAProxy server name: \"web 2\" (letters, digits, '.', '_', ':', '-')" },
        { "web-2: lb-2", "web-2: 'lb 2'", 14, "pools[0].members.web-2", "must be the host name its agent reports as, got \"lb 2\"" },
        { "    members:\n      web-1: lb-1\n      web-2: lb-2\n", "    members: {}\n", 12, "pools[0].members", "a pool needs at least one member (HAProxy server name: host)" },
        { "min_healthy: 1", "min_healthy: 1\n    timeout: 0s", 9, "pools[0].timeout", "must be a positive duration of at most 1m" },
        { "min_healthy: 1", "min_healthy: 1\n    timeout: soon", 9, "pools[0].timeout", "not a valid duration string: \"soon\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Errors_NameTheLineAndKey(string replace, string with, int line, string key, string reason)
    {
        var yaml = Base + Valid.Replace(replace, with, StringComparison.Ordinal);
        Assert.NotEqual(Base + Valid, yaml);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(yaml, "/etc/vigil/vigil.yaml"));
        Assert.Equal((line, key, reason), (e.Line, e.Key, e.Reason));
        Assert.StartsWith($"/etc/vigil/vigil.yaml:{line}: {key}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicatePoolNames_AreRefused()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Base + Valid + Valid.Replace("pools:\n", "", StringComparison.Ordinal), "vigil.yaml"));
        Assert.Equal((15, "pools[1]", "duplicate pool name \"web\""), (e.Line, e.Key, e.Reason));
    }

    [Fact]
    public void Timeout_IsRead()
    {
        var pool = Assert.Single(ConfigLoader.Load(Base + Valid.Replace("min_healthy: 1", "min_healthy: 0\n    timeout: 500ms", StringComparison.Ordinal), "vigil.yaml").Pools);
        Assert.Equal((TimeSpan.FromMilliseconds(500), 0), (pool.Timeout, pool.MinHealthy));
    }
}
