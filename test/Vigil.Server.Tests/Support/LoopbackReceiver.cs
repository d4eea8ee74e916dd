using System.Collections.Concurrent;
using System.Diagnostics;
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
/// A real HTTP server on 127.0.0.1 (Kestrel, port 0) that records every POST it receives, per path,
/// and answers as told: by default 200, or what <see cref="On"/> says for the n-th request to a path.
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Func<int, CancellationToken, Task<int>>> _behaviours = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedRequest>> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    private LoopbackReceiver(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        var app = builder.Build();
        LoopbackReceiver? self = null;
        app.MapPost("/{name}", async (string name, HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync(ctx.RequestAborted);
            var n = self!._counts.AddOrUpdate(name, 1, static (_, c) => c + 1);
            self._received.GetOrAdd(name, _ => new()).Enqueue(
                new ReceivedRequest(name, n, body, ctx.Request.ContentType, Stopwatch.GetTimestamp()));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, self._stopping.Token);
            var status = self._behaviours.TryGetValue(name, out var respond) ? await respond(n, linked.Token) : 200;
            ctx.Response.StatusCode = status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new LoopbackReceiver(app, address.TrimEnd('/'));
        return self;
    }

    /// <summary>The URL of a named endpoint.</summary>
    public string Url(string name) => $"{BaseUrl}/{name}";

    /// <summary>How the endpoint answers its n-th request (1-based): a status code, possibly after a wait.</summary>
    public void On(string name, Func<int, CancellationToken, Task<int>> respond) => _behaviours[name] = respond;

    /// <summary>Answers every request to the endpoint only when the receiver stops.</summary>
    public void Hang(string name) => On(name, async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        return 503;
    });

    public IReadOnlyList<ReceivedRequest> Received(string name) =>
        _received.TryGetValue(name, out var q) ? [.. q] : [];

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
