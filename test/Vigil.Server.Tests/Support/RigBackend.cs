using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// One real backend server behind <see cref="HaproxyRig"/>: a Kestrel app on loopback whose <c>/health</c> answers
/// 200 only while its "data mounted" marker file exists (the seed's broken server answered without its data).
/// <c>/</c> answers its name; <c>/hold</c> keeps the request open until <see cref="ReleaseHeld"/>, so a test can
/// hold a session on the member while it drains.
/// </summary>
public sealed class RigBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _served;
    private int _holding;

    private RigBackend(string name, string markerPath, WebApplication app, int port)
    {
        Name = name;
        MarkerPath = markerPath;
        _app = app;
        Port = port;
    }

    /// <summary>The server's name in the HAProxy backend (s1, s2, …).</summary>
    public string Name { get; }

    public int Port { get; }

    /// <summary>The file whose presence means "/data is mounted".</summary>
    public string MarkerPath { get; }

    /// <summary>Requests answered on <c>/</c> or <c>/hold</c>.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Requests now held open on <c>/hold</c>.</summary>
    public int Holding => Volatile.Read(ref _holding);

    public bool Mounted => File.Exists(MarkerPath);

    public static async Task<RigBackend> StartAsync(string name, string dir)
    {
        var marker = Path.Combine(dir, $"{name}.data-mounted");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = dir });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        RigBackend? self = null;
        app.MapGet("/health", () => File.Exists(marker) ? Results.Text("ok") : Results.Text("/data is not mounted", statusCode: 503));
        app.MapGet("/", () =>
        {
            Interlocked.Increment(ref self!._served);
            return Results.Text(name);
        });
        app.MapGet("/hold", async () =>
        {
            Interlocked.Increment(ref self!._holding);
            try
            {
                await self._release.Task;
            }
            finally
            {
                Interlocked.Decrement(ref self._holding);
            }
            Interlocked.Increment(ref self._served);
            return Results.Text(name);
        });
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        self = new RigBackend(name, marker, app, port);
        self.Mount();
        // The first request pays for JIT and routing set-up; HAProxy's first check should not.
        using var warm = new HttpClient();
        (await warm.GetAsync($"http://127.0.0.1:{port}/health")).EnsureSuccessStatusCode();
        return self;
    }

    /// <summary>Puts the marker back: <c>/health</c> answers 200.</summary>
    public void Mount() => File.WriteAllText(MarkerPath, "mounted\n");

    /// <summary>Removes the marker: <c>/health</c> answers 503 and HAProxy's checks take the server DOWN.</summary>
    public void Unmount() => File.Delete(MarkerPath);

    /// <summary>Lets every request held on <c>/hold</c> finish.</summary>
    public void ReleaseHeld()
    {
        var old = Interlocked.Exchange(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        old.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHeld();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
