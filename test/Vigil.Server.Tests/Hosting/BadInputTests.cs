using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Fuzz;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// The review's reproductions, on the real server: bodies over the limit are 413 on every endpoint that reads one;
/// duplicate keys, invalid UTF-8, lone surrogates and NUL characters are 400 on every JSON endpoint; regexes outside Go's RE2 are 400
/// naming the matcher wherever a matcher is accepted. None of them changes anything.
/// </summary>
public sealed class BadInputTests
{
    private const string Config = """
        server:
          max_body_bytes: 65536
        route:
          receiver: none
        receivers:
          - name: none
        people:
          - {name: alice, email: alice@example.com}
        schedules:
          - name: la
            layers:
              - {members: [alice], rotation: 1d, start: 2026-01-01}
        pagerduty:
          routing_keys:
            R0UT1NGKEY:
              route_labels: {team: pd}
        """;

    /// <summary>Every endpoint that reads a JSON body, with a body it would accept.</summary>
    private static readonly (string Path, string Body)[] JsonEndpoints =
    [
        ("api/v2/alerts", """[{"labels":{"alertname":"A"}}]"""),
        ("api/v2/silences", """{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T01:00:00Z","createdBy":"x","comment":"c"}"""),
        ("api/v1/silences/preview", """{"matchers":["alertname=\"A\""]}"""),
        ("api/v1/maintenance", """{"targets":["host=\"a\""],"expected":["alertname=\"A\""],"start":"now","duration":"1h","watcher":"alice","backup":"alice"}"""),
        ("api/v1/heartbeats", """{"name":"nightly","period":"1h"}"""),
        ("api/v1/schedules/la/overrides", """{"person":"alice","from":"2030-01-01T00:00:00Z","to":"2030-01-02T00:00:00Z"}"""),
        ("api/v1/tokens", """{"name":"n","scope":"read"}"""),
        ("api/v1/agents/tokens", """{"host":"web-1"}"""),
        ("api/v1/agents/report", """{"host":"web-1","bootId":"b","uptimeSeconds":1,"intervalSeconds":10,"checks":[]}"""),
        ("v2/enqueue", """{"routing_key":"R0UT1NGKEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"error"}}"""),
    ];

    public static TheoryData<string, bool> EnginesAndChunking => new() { { "sqlite", false }, { "sqlite", true }, { "postgres", false }, { "postgres", true } };

    [Theory]
    [MemberData(nameof(EnginesAndChunking))]
    public async Task ABodyOverTheLimit_Is413_OnEveryEndpointThatReadsOne_AndChangesNothing(string engine, bool chunked)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config);
        using var http = await ClientAsync(vigil);
        var before = await StateDigest.TakeAsync(vigil.Http);
        foreach (var (path, body) in JsonEndpoints)
        {
            // A valid start, then more than server.max_body_bytes of padding.
            var bytes = Encoding.UTF8.GetBytes(body.PadRight(100_000));
            using var response = await PostLargeAsync(http, path, chunked ? new StreamContent(new UnknownLength(bytes)) : new ByteArrayContent(bytes));
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Contains("server.max_body_bytes (65536 bytes)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await StateDigest.TakeAsync(vigil.Http));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task TenMegabytes_OnHeartbeatsAgentTokensAndAgentReports_Is413(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var http = await ClientAsync(vigil);
        foreach (var path in new[] { "api/v1/heartbeats", "api/v1/agents/tokens", "api/v1/agents/report" })
        {
            var bytes = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 10_000_000) + "\"}");
            using var response = await PostLargeAsync(http, path, new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{path}: {(int)response.StatusCode}");
        }
    }

    public static TheoryData<string, string> BrokenBodies => new()
    {
        { "sqlite", "duplicate key" },
        { "sqlite", "invalid UTF-8" },
        { "sqlite", "lone surrogate" },
        { "sqlite", "NUL" },
        { "postgres", "duplicate key" },
        { "postgres", "invalid UTF-8" },
        { "postgres", "lone surrogate" },
        { "postgres", "NUL" },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task DuplicateKeysAndBrokenText_Are400_OnEveryJsonEndpoint_AndChangeNothing(string engine, string breakage)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config);
        using var http = await ClientAsync(vigil);
        var before = await StateDigest.TakeAsync(vigil.Http);
        foreach (var (path, body) in JsonEndpoints)
        {
            // A first property that breaks the body, whatever the endpoint would make of it.
            var at = body.IndexOf('{', StringComparison.Ordinal) + 1;
            byte[] bytes = breakage switch
            {
                "duplicate key" => Encoding.UTF8.GetBytes(body[..at] + "\"dup\":\"1\",\"dup\":\"2\"," + body[at..]),
                "invalid UTF-8" => [.. Encoding.UTF8.GetBytes(body[..at] + "\"x\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"," + body[at..])],
                "NUL" => Encoding.UTF8.GetBytes(body[..at] + "\"x\":\"a\\u0000b\"," + body[at..]),
                _ => Encoding.UTF8.GetBytes(body[..at] + "\"x\":\"\\ud800\"," + body[at..]),
            };
            using var response = await http.PostAsync(path, new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
            var text = TextOf(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} with {breakage}: {(int)response.StatusCode} {text}");
            var expected = breakage switch
            {
                "duplicate key" => "duplicate key \"dup\"",
                "NUL" => "holds a NUL character",
                _ => "is not valid text: invalid UTF-8 or a lone surrogate",
            };
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        Assert.Equal(before, await StateDigest.TakeAsync(vigil.Http));
    }

    public static TheoryData<string, string, string, string> RegexCases => new()
    {
        { "POST", "api/v2/silences", """{"matchers":[{"name":"job","value":"(a)\\1","isRegex":true}],"startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T01:00:00Z","createdBy":"x","comment":"c"}""",
            "silence invalid: invalid label matcher 0: invalid regular expression \"(a)\\\\1\": error parsing regexp: invalid escape sequence: `\\1`" },
        { "POST", "api/v1/silences/preview", """{"matchers":["job=~\"(?=a)\""]}""", "matchers: invalid regular expression \"(?=a)\": error parsing regexp: invalid or unsupported Perl syntax: `(?=`" },
        { "POST", "api/v1/maintenance", """{"targets":["host=~\"(?>a+)\""],"expected":["alertname=\"A\""],"start":"now","duration":"1h","watcher":"alice","backup":"alice"}""",
            "targets[0]: invalid regular expression \"(?>a+)\": error parsing regexp: invalid or unsupported Perl syntax: `(?>`" },
        { "GET", "api/v2/alerts?filter=" + Uri.EscapeDataString("job=~\".{100000}\""), "", "bad matcher format: job=~\".{100000}\"" },
        { "GET", "api/v2/alerts/groups?filter=" + Uri.EscapeDataString("job=~\"(?(a)b|c)\""), "", "bad matcher format: job=~\"(?(a)b|c)\"" },
        { "GET", "api/v2/alerts?receiver=" + Uri.EscapeDataString("(?<!x)y"), "", "failed to parse receiver param: error parsing regexp: invalid or unsupported Perl syntax: `(?<`" },
        { "GET", "api/v2/alerts/groups?receiver=" + Uri.EscapeDataString("a++"), "", "failed to parse receiver param: error parsing regexp: invalid nested repetition operator: `++`" },
        { "GET", "api/v2/silences?filter=" + Uri.EscapeDataString("job=~\"(a)\\1\""), "", "invalid regular expression \"(a)\\\\1\": error parsing regexp: invalid escape sequence: `\\1`" },
    };

    [Theory]
    [MemberData(nameof(RegexCases))]
    public async Task ARegexOutsideRe2_Is400NamingTheMatcher_WhereverMatchersAreAccepted(string method, string path, string body, string expected)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config);
        var before = await StateDigest.TakeAsync(vigil.Http);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await vigil.Http.SendAsync(request);
        var text = TextOf(await response.Content.ReadAsStringAsync());

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Equal(before, await StateDigest.TakeAsync(vigil.Http));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ANulInAQueryValue_Is400NamingTheParameter_EvenWhereTheValueWouldReachTheDatabase(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config);
        foreach (var (path, parameter) in new[] { ("api/v1/audit?id=a%00b", "id"), ("api/v1/audit?type=%00", "type"), ("api/v1/notifications?receiver=%00", "receiver") })
        {
            using var response = await vigil.Http.GetAsync(path);
            var text = TextOf(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {text}");
            Assert.Contains($"{parameter}: a query parameter may not hold a NUL character (%00)", text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Posts as a careful client does a large upload: with <c>Expect: 100-continue</c>, so that a refusal arrives before the
    /// body is sent (otherwise the server closes the connection on the refused body and the client sees a broken pipe).
    /// </summary>
    private static async Task<HttpResponseMessage> PostLargeAsync(HttpClient http, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content, Headers = { ExpectContinue = true } };
        return await http.SendAsync(request);
    }

    /// <summary>A client with the admin token, and an agent token for the report endpoint.</summary>
    private static async Task<HttpClient> ClientAsync(VigilInstance vigil)
    {
        using var created = await vigil.Http.PostAsync("api/v1/agents/tokens", new StringContent("""{"host":"web-1"}""", Encoding.UTF8, "application/json"));
        var agent = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!.ToString();
        return new HttpClient(new Tokens(vigil.AdminToken, agent) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = new Uri(vigil.Url.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>Every string in a JSON answer (ProblemDetails, Alertmanager's texts, PagerDuty's errors), unescaped.</summary>
    private static string TextOf(string json)
    {
        try
        {
            return JsonNode.Parse(json) is { } node ? string.Join(" | ", Strings(node)) : json;
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Strings(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Strings(n)),
        _ => [node.ToString()],
    };

    /// <summary>Sends the agent token to the report endpoint and the admin token elsewhere.</summary>
    private sealed class Tokens(string admin, string agent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var report = request.RequestUri!.AbsolutePath.EndsWith("agents/report", StringComparison.Ordinal);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", report ? agent : admin);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
