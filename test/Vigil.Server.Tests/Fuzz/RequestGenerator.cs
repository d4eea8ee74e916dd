using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Server.Tests.Fuzz;

/// <summary>
/// Generates hostile requests from one seed: an endpoint, route values (mostly ones that exist, so that handlers get
/// past the look-up), a query string and a body that is either a mutated template or hostile as a whole (not JSON,
/// truncated, invalid UTF-8, nested too deep, larger than <c>server.max_body_bytes</c>).
/// </summary>
internal sealed class RequestGenerator(Random rng, IReadOnlyList<FuzzEndpoint> endpoints, long maxBodyBytes, DateTimeOffset now)
{
    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/json; charset=latin1", "application/xml", "*/*", ";;;",
    ];

    private readonly JsonMutator _mutator = new(rng);

    // Endpoints that read a body, or matchers from the query, get more of the requests: that is where parsers are.
    private readonly FuzzEndpoint[] _weighted = [.. endpoints.SelectMany(e => Enumerable.Repeat(e,
        e.TakesBody ? 4 : e.Route.StartsWith("/api/v2/", StringComparison.Ordinal) ? 3 : 1))];

    /// <summary>Known values per route parameter name (ids of things that exist); the run adds ids it sees created.</summary>
    public Dictionary<string, List<string>> RouteValues { get; } = new(StringComparer.OrdinalIgnoreCase);

    public FuzzRequest Next()
    {
        var endpoint = _weighted[rng.Next(_weighted.Length)];
        var notes = new List<string>();
        var path = endpoint.Path((name, numeric) => RouteValue(name, numeric, notes));
        var query = Query(endpoint, notes);
        byte[]? body = null;
        string? contentType = "application/json";
        var chunked = false;
        if (endpoint.TakesBody || rng.Next(10) == 0)
        {
            body = Body(endpoint, notes, out chunked);
            if (rng.Next(12) == 0)
            {
                contentType = rng.Next(3) == 0 ? null : HostileValues.Pick(rng, ContentTypes);
                notes.Add($"content-type {contentType ?? "none"}");
            }
        }
        var caller = rng.Next(20) switch
        {
            0 => FuzzCaller.None,
            1 => FuzzCaller.Read,
            2 => FuzzCaller.Garbage,
            _ => endpoint.Route.Contains("/agents/report", StringComparison.Ordinal) ? FuzzCaller.Agent : FuzzCaller.Admin,
        };
        return new FuzzRequest(endpoint, path + query, body, contentType, caller, chunked, string.Join("; ", notes));
    }

    private string RouteValue(string name, bool numeric, List<string> notes)
    {
        if (rng.Next(4) > 0 && RouteValues.TryGetValue(name, out var known) && known.Count > 0)
        {
            return Uri.EscapeDataString(HostileValues.Pick(rng, known));
        }
        string value = rng.Next(numeric ? 2 : 6) switch
        {
            0 => HostileValues.Pick(rng, HostileValues.Numbers),
            1 => HostileValues.Pick(rng, new[] { "%ff%fe", "%ed%a0%80", "%00", "..", "%2e%2e", "%", "%zz", new string('a', 9000) }),
            2 => Uri.EscapeDataString(HostileValues.Pick(rng, HostileValues.Strings) is { Length: > 0 and < 5000 } s ? s : "x"),
            3 => Uri.EscapeDataString(HostileValues.Pick(rng, HostileValues.Regexes) is { Length: < 5000 } r ? r : "r"),
            4 => Guid.NewGuid().ToString(),
            _ => Uri.EscapeDataString(HostileValues.Pick(rng, HostileValues.Dates)) is { Length: > 0 } d ? d : "d",
        };
        notes.Add($"{{{name}}}={(value.Length > 40 ? value[..40] + "…" : value)}");
        return value;
    }

    private string Query(FuzzEndpoint endpoint, List<string> notes)
    {
        if (rng.Next(3) == 0)
        {
            return "";
        }
        var pairs = new List<string>();
        for (var i = rng.Next(1, 4); i > 0; i--)
        {
            var name = HostileValues.Pick(rng, endpoint.QueryNames);
            var value = rng.Next(8) switch
            {
                0 or 1 => HostileValues.Matcher(rng),
                2 => HostileValues.Pick(rng, HostileValues.Regexes),
                3 => HostileValues.Pick(rng, HostileValues.Dates),
                4 => HostileValues.Pick(rng, HostileValues.Numbers),
                5 => HostileValues.Pick(rng, new[] { "true", "false", "TRUE", "yes", "1", "", "Europe/Berlin", "Etc/GMT+99", "../../x", "la", "now" }),
                6 => HostileValues.Pick(rng, HostileValues.Durations),
                _ => HostileValues.Pick(rng, HostileValues.Strings),
            };
            if (value.Length > 6000)
            {
                value = value[..6000];
            }
            // Now and then a raw, badly percent-encoded value (invalid UTF-8, an encoded surrogate, a lone '%', a NUL).
            var encoded = rng.Next(10) == 0 ? HostileValues.Pick(rng, new[] { "%ff%fe", "%ed%a0%80", "%", "%zz", "%c3%28", "%00", "a%00b" }) : Uri.EscapeDataString(value);
            pairs.Add($"{name}={encoded}");
            notes.Add($"?{name}={(encoded.Length > 60 ? encoded[..60] + "…" : encoded)}");
        }
        return "?" + string.Join('&', pairs);
    }

    private byte[] Body(FuzzEndpoint endpoint, List<string> notes, out bool chunked)
    {
        chunked = false;
        var template = Fill(HostileValues.Pick(rng, BodyTemplates.For(endpoint.Key)));
        if (rng.Next(4) > 0)
        {
            var bytes = _mutator.Mutate(JsonNode.Parse(template)!, out var what);
            notes.Add(what);
            return bytes;
        }
        var raw = Encoding.UTF8.GetBytes(template);
        switch (rng.Next(11))
        {
            case 0:
                notes.Add("empty body");
                return [];
            case 1:
                notes.Add("truncated");
                return raw[..rng.Next(raw.Length)];
            case 2:
                notes.Add("trailing junk");
                return [.. raw, .. "}]x"u8];
            case 3:
                notes.Add("invalid UTF-8 spliced in");
                var at = rng.Next(raw.Length);
                return [.. raw[..at], 0xFF, 0xC0, 0xAF, .. raw[at..]];
            case 4:
                notes.Add("UTF-16");
                return Encoding.Unicode.GetBytes(template);
            case 5:
                var depth = HostileValues.Pick(rng, new[] { 65, 1000, 100_000 });
                notes.Add($"whole body nested {depth} deep");
                return Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));
            case 6:
                notes.Add("BOM");
                return [0xEF, 0xBB, 0xBF, .. raw];
            case 7:
                var random = new byte[rng.Next(1, 2000)];
                rng.NextBytes(random);
                notes.Add("random bytes");
                return random;
            case 8:
                notes.Add("a string as large as the limit allows");
                return Encoding.ASCII.GetBytes("\"" + new string('a', (int)Math.Min(maxBodyBytes - 2, 2_000_000)) + "\"");
            default:
                chunked = rng.Next(2) == 0;
                var size = (int)(maxBodyBytes + 1 + rng.Next((int)Math.Min(maxBodyBytes * 3, 10_000_000)));
                notes.Add($"over the body limit: {size} bytes{(chunked ? ", chunked" : "")}");
                var huge = new byte[size];
                huge.AsSpan().Fill((byte)' ');
                raw.CopyTo(huge, 0);
                return huge;
        }
    }

    private string Fill(string template) => template
        .Replace("$NOW", Rfc3339(now), StringComparison.Ordinal)
        .Replace("$LATER", Rfc3339(now.AddHours(2)), StringComparison.Ordinal)
        .Replace("$FARTHER", Rfc3339(now.AddDays(31)), StringComparison.Ordinal)
        .Replace("$FAR", Rfc3339(now.AddDays(30)), StringComparison.Ordinal)
        .Replace("$SILENCE", RouteValues.TryGetValue("silenceID", out var s) && s.Count > 0 ? s[0] : Guid.Empty.ToString(), StringComparison.Ordinal);

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
