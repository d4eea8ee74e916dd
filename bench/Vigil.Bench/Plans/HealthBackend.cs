using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vigil.Bench.Plans;

/// <summary>
/// One backend server behind <see cref="BenchHaproxy"/>: while its marker file exists the host is "up with /data"
/// (<c>/health</c> and <c>/</c> answer 200); without it both answer 503, so a client request that HAProxy sends to a
/// member that is rebooting or lost its data is a failed request the client sees.
/// </summary>
internal sealed class HealthBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HealthBackend(string name, string marker, WebApplication app, int port)
    {
        Name = name;
        MarkerPath = marker;
        _app = app;
        Port = port;
    }

    /// <summary>The server's name in the HAProxy backend (s1, s2, …).</summary>
    public string Name { get; }

    public int Port { get; }

    public string MarkerPath { get; }

    public static async Task<HealthBackend> StartAsync(string name, string dir)
    {
        var marker = Path.Combine(dir, $"{name}.up");
        var builder = BenchWeb.CreateBuilder(dir);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => File.Exists(marker) ? Results.Text("ok") : Results.Text("/data is not mounted", statusCode: 503));
        app.MapGet("/", () => File.Exists(marker) ? Results.Text(name) : Results.Text($"{name} is down", statusCode: 503));
        await app.StartAsync().ConfigureAwait(false);
        var backend = new HealthBackend(name, marker, app, new Uri(app.Urls.First()).Port);
        backend.Up();
        using var warm = new HttpClient();
        (await warm.GetAsync(new Uri($"http://127.0.0.1:{backend.Port}/health")).ConfigureAwait(false)).EnsureSuccessStatusCode();
        return backend;
    }

    public void Up() => File.WriteAllText(MarkerPath, "up\n");

    public void Down() => File.Delete(MarkerPath);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
