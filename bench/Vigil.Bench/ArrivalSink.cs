using System.Collections.Concurrent;
using System.Diagnostics;
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

namespace Vigil.Bench;

/// <summary>A webhook receiver that keeps each notification's status (firing/resolved) and stopwatch arrival time.</summary>
internal sealed class ArrivalSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Status, long At)> _arrivals = new();

    private ArrivalSink(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public static async Task<ArrivalSink> StartAsync()
    {
        var builder = BenchWeb.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new ArrivalSink(app);
        app.Run(async ctx =>
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body).ConfigureAwait(false);
            sink._arrivals.Enqueue((body?["status"]?.ToString() ?? "", Stopwatch.GetTimestamp()));
            ctx.Response.StatusCode = 200;
        });
        await app.StartAsync().ConfigureAwait(false);
        sink.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return sink;
    }

    /// <summary>Waits for the first notification with <paramref name="status"/> arriving after <paramref name="after"/> (a stopwatch timestamp).</summary>
    public async Task<long?> WaitForAsync(string status, long after, TimeSpan timeout, CancellationToken cancel)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            foreach (var (s, at) in _arrivals)
            {
                if (s == status && at >= after)
                {
                    return at;
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System, cancel).ConfigureAwait(false);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
