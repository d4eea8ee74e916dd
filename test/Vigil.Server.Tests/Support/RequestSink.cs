using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 that records every request whatever its method and path (an integration's API
/// stand-in: Slack's api_url, Telegram's bot path, PagerDuty's enqueue URL), with its headers and raw body, and answers
/// with <see cref="Status"/> and <see cref="ResponseBody"/> (Slack and WeChat read the answer).
/// </summary>
public sealed class RequestSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SinkRequest> _requests = new();

    private RequestSink(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>, without a trailing slash.</summary>
    public string BaseUrl { get; }

    public int Status { get; set; } = 200;

    public string ResponseBody { get; set; } = "{\"ok\":true}";

    public IReadOnlyList<SinkRequest> Requests => [.. _requests];

    public static async Task<RequestSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        var app = builder.Build();
        RequestSink? self = null;
        app.Run(async ctx =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            self!._requests.Enqueue(new SinkRequest(ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, headers, buffer.ToArray()));
            ctx.Response.StatusCode = self.Status;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(self.ResponseBody, ctx.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new RequestSink(app, address.TrimEnd('/'));
        return self;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived.</summary>
    public async Task<IReadOnlyList<SinkRequest>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var got = await Eventually.GetAsync(() => Task.FromResult(Requests), r => r.Count >= count, timeout ?? TimeSpan.FromSeconds(30));
        Assert.True(got.Count >= count, $"{got.Count} of {count} requests arrived at {BaseUrl}");
        return got;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
