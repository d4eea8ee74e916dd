using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// Bodies sent without a length (chunked: what HttpClient's JSON content and streaming clients send) are read whole,
/// however many times the server's buffer has to grow for them, on the typed JSON path (an agent's report) and the
/// alert ingest alike.
/// </summary>
public sealed class ChunkedBodyTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AnAgentReportOfNoDeclaredLength_ManyTimesTheFirstBuffer_IsReadWhole(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var token = await AgentRoot.CreateTokenAsync(vigil, "web-1");
        // ~45 kB: the 8 KiB first buffer grows three times.
        var checks = string.Join(",", Enumerable.Range(0, 300).Select(i =>
            $$"""{"check":"mount","subject":{"mountpoint":"/m{{i:D3}}"},"passed":{{(i == 299 ? "false" : "true")}},"message":"mount {{i:D3}} {{new string('x', 60)}}"}"""));
        var body = $$"""{"host":"web-1","bootId":"b1","uptimeSeconds":60,"intervalSeconds":10,"checks":[{{checks}}]}""";
        Assert.True(Encoding.UTF8.GetByteCount(body) > 40_000);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/agents/report") { Content = Unsized(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await vigil.Http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var host = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts/web-1"))!;
        Assert.Equal(300, (int)host["summary"]!["checks"]!);
        Assert.Equal(1, (int)host["summary"]!["failing"]!);
        var failing = Assert.Single(host["checks"]!.AsArray(), c => !(bool)c!["passed"]!)!;
        Assert.StartsWith("mount 299 xxx", (string)failing["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AlertsPostedWithNoDeclaredLength_ManyTimesTheFirstBuffer_AreAllIngested(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var alerts = string.Join(",", Enumerable.Range(0, 400).Select(i =>
            $$$"""{"labels":{"alertname":"Chunked","n":"{{{i:D3}}}"},"annotations":{"summary":"alert {{{i:D3}}} {{{new string('y', 80)}}}"}}"""));

        using var response = await vigil.Http.PostAsync("api/v2/alerts", Unsized("[" + alerts + "]"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/alerts?filter=alertname%3D%22Chunked%22"))!.AsArray();
        Assert.Equal(400, listed.Count);
        var last = Assert.Single(listed, a => (string)a!["labels"]!["n"]! == "399")!;
        Assert.Equal("alert 399 " + new string('y', 80), (string)last["annotations"]!["summary"]!);
    }

    /// <summary>JSON content that declares no length, so it goes out chunked.</summary>
    private static HttpContent Unsized(string json)
    {
        var content = new StreamContent(new UnsizedStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private sealed class UnsizedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
