using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Vigil.Server.Hosting;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// The safety net as the server installs it, in front of endpoints that fail on purpose (no endpoint of the real server
/// should, which is what the fuzz tests check): a bug is a 500 whose request id leads to the logged exception; a refusal by
/// Kestrel or parameter binding keeps its own 4xx with the reason.
/// </summary>
public sealed class SafetyNetTests : IAsyncLifetime
{
    private readonly CapturedLog _log = new();
    private WebApplication? _app;
    private HttpClient _http = new();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders().AddProvider(_log);
        builder.Services.AddSafetyNet();
        _app = builder.Build();
        _app.UseSafetyNet();
        _app.MapGet("/bug", string () => throw new InvalidOperationException("the secret internals"));
        _app.MapPost("/body", async (HttpContext c) =>
        {
            c.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = 100;
            await c.Request.Body.CopyToAsync(Stream.Null);
            return Results.Ok();
        });
        _app.MapGet("/limit", (int limit) => Results.Ok(limit));
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app!.DisposeAsync();
    }

    [Fact]
    public async Task AnUnexpectedException_Is500_WithARequestIdThatLeadsToTheLoggedException()
    {
        using var response = await _http.GetAsync("/bug");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Equal(id, JsonNode.Parse(body)!["requestId"]!.ToString());
        Assert.Contains(id, JsonNode.Parse(body)!["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", body, StringComparison.Ordinal);
        var logged = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error && e.Exception is not null);
        Assert.Contains(id, logged.Text, StringComparison.Ordinal);
        Assert.Equal("the secret internals", logged.Exception!.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOverTheLimit_Is413WithTheLimit_WithOrWithoutContentLength(bool chunked)
    {
        var bytes = new byte[1000];
        HttpContent content = chunked ? new StreamContent(new NonSeekableStream(bytes)) : new ByteArrayContent(bytes);
        using var response = await _http.PostAsync("/body", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("request body is larger than server.max_body_bytes (100 bytes)", problem["detail"]!.ToString());
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task AQueryValueOfTheWrongType_Is400NamingTheParameter()
    {
        using var response = await _http.GetAsync("/limit?limit=99999999999999");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("proxy-7f3a.42", true)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    public async Task ACallersPlainRequestId_IsKept_AnyOtherIsReplaced(string given, bool kept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/limit?limit=1");
        request.Headers.TryAddWithoutValidation("X-Request-Id", given);
        using var response = await _http.SendAsync(request);

        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Equal(kept, id == given);
        Assert.NotEmpty(id);
    }

    /// <summary>A stream whose length HttpClient cannot know, so it sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
