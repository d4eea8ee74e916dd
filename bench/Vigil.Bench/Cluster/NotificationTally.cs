using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vigil.Bench.Cluster;

/// <summary>A loopback webhook receiver counting Alertmanager notifications by group (its <c>alertname</c>) and status.</summary>
internal sealed class NotificationTally : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NotificationTally(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Notifications received, by (group's alertname, status).</summary>
    public ConcurrentDictionary<(string Group, string Status), int> Counts { get; } = new();

    /// <summary>When the first firing notification of each group arrived.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> FirstFiringAt { get; } = new();

    public static async Task<NotificationTally> StartAsync()
    {
        var builder = BenchWeb.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var tally = new NotificationTally(app);
        app.MapPost("/", async (HttpContext context) =>
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body);
            var group = doc.RootElement.GetProperty("groupLabels").TryGetProperty("alertname", out var name) ? name.GetString() ?? "" : "";
            var status = doc.RootElement.GetProperty("status").GetString() ?? "";
            tally.Counts.AddOrUpdate((group, status), 1, (_, n) => n + 1);
            if (status == "firing")
            {
                tally.FirstFiringAt.TryAdd(group, TimeProvider.System.GetUtcNow());
            }
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        tally.Url = new Uri(address.TrimEnd('/') + "/");
        return tally;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
