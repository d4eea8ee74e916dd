using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vigil.Server.Tests.Support;

/// <summary>A real HTTP server on 127.0.0.1 that records every webhook it receives (path and JSON body).
/// It can be told to fail the next N requests with a status code.</summary>
public sealed class WebhookCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly SemaphoreSlim _signal = new(0);
    private int _failNext;
    private int _failStatus = 500;

    private WebhookCollector(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<Received> Messages => _received.ToList();

    /// <summary>A webhook as it arrived; <paramref name="Authorization"/> is its Authorization header (null without one).</summary>
    public sealed record Received(string Path, JsonObject Body, DateTimeOffset At, string? Authorization = null);

    public static async Task<WebhookCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new WebhookCollector(app);
        app.Run(collector.HandleAsync);
        await app.StartAsync();
        collector.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/";
        return collector;
    }

    public void FailNext(int count, int status = 500)
    {
        _failStatus = status;
        Volatile.Write(ref _failNext, count);
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; fails the test after the timeout.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => _received.Count >= count, () => $"expected {count} webhook message(s), got {_received.Count}", timeout);
        return Messages;
    }

    /// <summary>Waits until a message matching <paramref name="match"/> arrived and returns the first; fails the test,
    /// listing what did arrive, after the timeout. For a message whose place among others is not fixed.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, string what, TimeSpan? timeout = null)
    {
        Received? found = null;
        await WaitUntilAsync(() => (found = _received.FirstOrDefault(match)) is not null,
            () => $"expected {what}, got {_received.Count} other webhook message(s):\n" + string.Join("\n", _received.Select(r => r.Body.ToJsonString())),
            timeout);
        return found!;
    }

    private async Task WaitUntilAsync(Func<bool> done, Func<string> failure, TimeSpan? timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30));
        while (!done())
        {
            var left = deadline - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                Assert.Fail(failure());
            }
            await _signal.WaitAsync(left);
        }
    }

    /// <summary>Asserts nothing more than <paramref name="count"/> messages arrive within <paramref name="window"/>.</summary>
    public async Task AssertStaysAtAsync(int count, TimeSpan window)
    {
        await Task.Delay(window);
        Assert.Equal(count, _received.Count);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            context.Response.StatusCode = _failStatus;
            return;
        }
        var body = JsonNode.Parse(text) as JsonObject ?? [];
        var authorization = context.Request.Headers.Authorization.ToString();
        _received.Enqueue(new Received(context.Request.Path, body, TimeProvider.System.GetUtcNow(), authorization.Length == 0 ? null : authorization));
        _signal.Release();
        context.Response.StatusCode = 200;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
