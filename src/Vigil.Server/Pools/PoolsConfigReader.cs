using System.Text.RegularExpressions;
using Vigil.Server.Config;
using Vigil.Server.Hosts;

namespace Vigil.Server.Pools;

/// <summary>
/// Reads the <c>pools:</c> list. Names that end up in Runtime API commands are checked against HAProxy's own
/// spelling, so a stray space or ';' can never turn one command into two.
/// </summary>
internal static partial class PoolsConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "haproxy", "backend", "members", "min_healthy", "timeout",
    };

    private static readonly IReadOnlySet<string> InstanceKnown = new HashSet<string>(StringComparer.Ordinal) { "socket", "address" };

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex HaproxyName();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex PoolName();

    public static IReadOnlyList<Pool> Read(YamlCursor? node)
    {
        var pools = new List<Pool>();
        foreach (var item in node?.Items() ?? [])
        {
            var pool = ReadPool(item);
            if (pools.Any(p => p.Name == pool.Name))
            {
                throw item.Error($"duplicate pool name \"{pool.Name}\"");
            }
            pools.Add(pool);
        }
        return pools;
    }

    private static Pool ReadPool(YamlCursor item)
    {
        var map = item.Map(Known);
        var nameNode = map.Required("name");
        var name = nameNode.Text().Trim();
        if (!PoolName().IsMatch(name))
        {
            throw nameNode.Error("must be letters, digits, '.', '_' or '-'");
        }
        var backendNode = map.Required("backend");
        var backend = backendNode.Text().Trim();
        if (!HaproxyName().IsMatch(backend))
        {
            throw backendNode.Error($"not an HAProxy backend name: \"{backend}\" (letters, digits, '.', '_', ':', '-')");
        }
        var members = ReadMembers(map.Required("members"));
        var minNode = map.Required("min_healthy");
        var min = minNode.Int();
        if (min < 0 || min > members.Count)
        {
            throw minNode.Error($"must be from 0 to the number of members ({members.Count})");
        }
        var timeout = Pool.DefaultTimeout;
        if (map.Get("timeout") is { } timeoutNode)
        {
            timeout = timeoutNode.Duration();
            if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(1))
            {
                throw timeoutNode.Error("must be a positive duration of at most 1m");
            }
        }
        return new Pool
        {
            Name = name,
            Instances = ReadInstances(map.Required("haproxy")),
            Backend = backend,
            Members = members,
            MinHealthy = (int)min,
            Timeout = timeout,
        };
    }

    private static List<HaproxyEndpoint> ReadInstances(YamlCursor node)
    {
        var items = node.Items();
        if (items.Count == 0)
        {
            throw node.Error("a pool needs at least one HAProxy instance");
        }
        var instances = new List<HaproxyEndpoint>();
        foreach (var item in items)
        {
            var map = item.Map(InstanceKnown);
            var socket = map.Get("socket");
            var address = map.Get("address");
            if ((socket is null) == (address is null))
            {
                throw item.Error("an HAProxy instance has either socket (a unix socket path) or address (host:port)");
            }
            var instance = socket is not null ? ReadSocket(socket) : ReadAddress(address!);
            if (instances.Contains(instance))
            {
                throw item.Error($"HAProxy instance {instance.Label} is listed twice");
            }
            instances.Add(instance);
        }
        return instances;
    }

    private static HaproxyEndpoint ReadSocket(YamlCursor node)
    {
        var path = node.Text().Trim();
        if (!path.StartsWith('/'))
        {
            throw node.Error($"must be an absolute path to HAProxy's admin socket, got \"{path}\"");
        }
        return HaproxyEndpoint.Socket(path);
    }

    private static HaproxyEndpoint ReadAddress(YamlCursor node)
    {
        var text = node.Text().Trim();
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        if (host.Length == 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw node.Error($"expected host:port, got \"{text}\"");
        }
        return HaproxyEndpoint.Address(host, port);
    }

    private static List<PoolMember> ReadMembers(YamlCursor node)
    {
        var members = new List<PoolMember>();
        foreach (var (server, hostNode) in node.Entries())
        {
            if (!HaproxyName().IsMatch(server))
            {
                throw hostNode.Error($"not an HAProxy server name: \"{server}\" (letters, digits, '.', '_', ':', '-')");
            }
            var host = hostNode.Text().Trim();
            if (!ReportValidation.IsHostName(host))
            {
                throw hostNode.Error($"must be the host name its agent reports as, got \"{host}\"");
            }
            if (members.Any(m => m.Host == host))
            {
                throw hostNode.Error($"host \"{host}\" is already the host of server \"{members.First(m => m.Host == host).Server}\"");
            }
            members.Add(new PoolMember(server, host));
        }
        if (members.Count == 0)
        {
            throw node.Error("a pool needs at least one member (HAProxy server name: host)");
        }
        return members;
    }
}
