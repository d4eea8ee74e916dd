using System.Net;
using System.Text.RegularExpressions;
using Vigil.Server.Labels;
using Vigil.Server.Probes;

namespace Vigil.Server.Config;

/// <summary>Reads Vigil's <c>probes:</c> list; absent keys keep the defaults documented on <see cref="ProbeDefinition"/> and its specs.</summary>
internal static class ProbesReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "http", "tcp", "dns", "interval", "timeout", "fall", "rise", "labels",
    };

    private static readonly IReadOnlySet<string> HttpKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "url", "method", "headers", "expected_status", "body_regex", "tls_verify", "cert_expiry_warning_days",
    };

    private static readonly IReadOnlySet<string> TcpKnown = new HashSet<string>(StringComparer.Ordinal) { "target" };

    private static readonly IReadOnlySet<string> DnsKnown = new HashSet<string>(StringComparer.Ordinal) { "name", "type", "expected", "server" };

    private static readonly IReadOnlySet<string> RecordTypes = new HashSet<string>(StringComparer.Ordinal) { "A", "AAAA", "CNAME", "TXT", "MX" };

    public static IReadOnlyList<ProbeDefinition> Read(YamlCursor? node)
    {
        var probes = new List<ProbeDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node?.Items() ?? [])
        {
            var probe = ReadProbe(item);
            if (!names.Add(probe.Name))
            {
                throw item.Error($"duplicate probe name \"{probe.Name}\"");
            }
            probes.Add(probe);
        }
        return probes;
    }

    private static ProbeDefinition ReadProbe(YamlCursor item)
    {
        var map = item.Map(Known);
        var nameNode = map.Required("name");
        var name = nameNode.Text().Trim();
        if (name.Length == 0)
        {
            throw nameNode.Error("must not be empty");
        }
        var kinds = new[] { "http", "tcp", "dns" }.Where(k => map.Get(k) is not null).ToList();
        if (kinds.Count != 1)
        {
            throw item.Error(kinds.Count == 0 ? "a probe needs one of http, tcp or dns" : $"a probe has one kind; got {string.Join(" and ", kinds)}");
        }
        var defaults = new ProbeDefinition { Name = name };
        var interval = Ranged(map, "interval", ProbeDefinition.MinInterval, ProbeDefinition.MaxInterval) ?? defaults.Interval;
        var timeout = Ranged(map, "timeout", ProbeDefinition.MinTimeout, ProbeDefinition.MaxInterval) ?? (interval < defaults.Timeout ? interval : defaults.Timeout);
        if (timeout > interval)
        {
            throw map.Required("timeout").Error($"must not be longer than the interval ({PromDuration.Format(interval)})");
        }
        return defaults with
        {
            Interval = interval,
            Timeout = timeout,
            Fall = Count(map, "fall") ?? defaults.Fall,
            Rise = Count(map, "rise") ?? defaults.Rise,
            Labels = map.Get("labels") is { } labels ? ReadLabels(labels) : LabelSet.Empty,
            Http = map.Get("http") is { } http ? ReadHttp(http) : null,
            Tcp = map.Get("tcp") is { } tcp ? ReadTcp(tcp) : null,
            Dns = map.Get("dns") is { } dns ? ReadDns(dns) : null,
        };
    }

    private static HttpProbeSpec ReadHttp(YamlCursor node)
    {
        var map = node.Map(HttpKnown);
        var spec = new HttpProbeSpec { Url = map.Required("url").HttpUrl() };
        var method = map.Get("method")?.Text().Trim().ToUpperInvariant() ?? spec.Method;
        if (method.Length == 0 || !method.All(char.IsAsciiLetterUpper))
        {
            throw map.Required("method").Error($"not an HTTP method: \"{method}\"");
        }
        Regex? regex = null;
        if (map.Get("body_regex") is { } regexNode)
        {
            try
            {
                regex = new Regex(regexNode.Text(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw regexNode.Error($"not a valid regular expression: {e.Message}");
            }
        }
        var statuses = new List<int>();
        foreach (var s in map.Get("expected_status")?.Items() ?? [])
        {
            var code = s.Int();
            statuses.Add(code is >= 100 and <= 599 ? (int)code : throw s.Error("not an HTTP status code"));
        }
        var warnDays = map.Get("cert_expiry_warning_days") is { } days ? days.Int() : 0;
        if (warnDays is < 0 or > 3650)
        {
            throw map.Required("cert_expiry_warning_days").Error("must be between 0 and 3650");
        }
        return spec with
        {
            Method = method,
            Headers = [.. (map.Get("headers")?.Entries() ?? []).Select(e => KeyValuePair.Create(e.Key, e.Value.Text()))],
            ExpectedStatus = statuses,
            BodyRegex = regex,
            VerifyTls = map.Get("tls_verify")?.Bool() ?? true,
            CertExpiryWarningDays = (int)warnDays,
        };
    }

    private static TcpProbeSpec ReadTcp(YamlCursor node)
    {
        var target = node.Map(TcpKnown).Required("target");
        var (host, port) = HostPort(target, defaultPort: null);
        return new TcpProbeSpec(host, port);
    }

    private static DnsProbeSpec ReadDns(YamlCursor node)
    {
        var map = node.Map(DnsKnown);
        var type = map.Get("type")?.Text().Trim().ToUpperInvariant() ?? "A";
        if (!RecordTypes.Contains(type))
        {
            throw map.Required("type").Error($"must be one of A, AAAA, CNAME, TXT, MX (got \"{type}\")");
        }
        IPEndPoint? server = null;
        if (map.Get("server") is { } serverNode)
        {
            var (host, port) = HostPort(serverNode, defaultPort: 53);
            server = IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : throw serverNode.Error("the server must be an IP address, optionally with :port");
        }
        var name = map.Required("name").Text().Trim();
        return new DnsProbeSpec
        {
            Name = name.Length > 0 ? name : throw map.Required("name").Error("must not be empty"),
            RecordType = type,
            Expected = map.Get("expected")?.Text().Trim(),
            Server = server,
        };
    }

    // host:port, [v6]:port, or (with a default port) a bare host or address.
    private static (string Host, int Port) HostPort(YamlCursor node, int? defaultPort)
    {
        var text = node.Text().Trim();
        string host, rest;
        if (text.StartsWith('[') && text.IndexOf(']') is > 0 and var close)
        {
            (host, rest) = (text[1..close], text[(close + 1)..]);
        }
        else if (text.Count(c => c == ':') == 1)
        {
            (host, rest) = (text[..text.IndexOf(':')], text[text.IndexOf(':')..]);
        }
        else
        {
            (host, rest) = (text, "");
        }
        if (host.Length > 0 && rest.Length == 0 && defaultPort is { } d)
        {
            return (host, d);
        }
        if (host.Length > 0 && rest.StartsWith(':') && int.TryParse(rest[1..], out var port) && port is > 0 and < 65536)
        {
            return (host, port);
        }
        throw node.Error($"expected host:port, got \"{text}\"");
    }

    private static LabelSet ReadLabels(YamlCursor node)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in node.Entries())
        {
            if (!LabelNames.IsValid(key))
            {
                throw value.Error($"invalid label name \"{key}\"");
            }
            pairs.Add(KeyValuePair.Create(key, value.Text()));
        }
        return LabelSet.From(pairs);
    }

    private static TimeSpan? Ranged(YamlMap map, string key, TimeSpan min, TimeSpan max)
    {
        if (map.Get(key) is not { } node)
        {
            return null;
        }
        var value = node.Duration();
        return TimeLimits.CheckDuration(value, min, max) is { } reason ? throw node.Error(reason) : value;
    }

    private static int? Count(YamlMap map, string key)
    {
        if (map.Get(key) is not { } node)
        {
            return null;
        }
        var value = node.Int();
        return value is >= 1 and <= 100 ? (int)value : throw node.Error("must be between 1 and 100");
    }
}
