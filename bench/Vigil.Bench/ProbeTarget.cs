using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vigil.Bench;

/// <summary>
/// The HTTP server probes check: 127.0.0.1 on a fixed port, answering 200 "ok"; it can be stopped (the bench's
/// "kill") and started again. While recording it keeps each request's path and wall-clock arrival.
/// </summary>
internal sealed class ProbeTarget : IAsyncDisposable
{
    private WebApplication? _app;
    private long _requests;

    public ProbeTarget(int port) => Port = port;

    public int Port { get; }

    public long Requests => Interlocked.Read(ref _requests);

    public bool Recording { get; set; }

    public ConcurrentQueue<(string Path, DateTimeOffset At)> Arrivals { get; } = new();

    public async Task StartAsync()
    {
        var builder = BenchWeb.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, Port, o => o.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1);
            k.Limits.MaxConcurrentConnections = null;
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.Zero);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(ctx =>
        {
            Interlocked.Increment(ref _requests);
            if (Recording)
            {
                Arrivals.Enqueue((ctx.Request.Path.Value ?? "/", TimeProvider.System.GetUtcNow()));
            }
            return ctx.Response.WriteAsync("ok");
        });
        await app.StartAsync().ConfigureAwait(false);
        _app = app;
    }

    /// <summary>Stops listening and drops every connection; returns the stopwatch timestamp of the moment it began.</summary>
    public async Task<long> KillAsync()
    {
        var at = Stopwatch.GetTimestamp();
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        return at;
    }

    public async ValueTask DisposeAsync() => await KillAsync().ConfigureAwait(false);
}
