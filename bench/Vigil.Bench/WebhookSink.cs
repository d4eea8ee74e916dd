using System.Collections.Concurrent;
using System.Diagnostics;
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

namespace Vigil.Bench;

/// <summary>
/// In-process Kestrel on 127.0.0.1 that receives Alertmanager webhook payloads (version 4).
/// <c>POST /probe</c> records when each <c>probe_id</c> first arrived; <c>POST /default</c> drains bulk
/// notifications and only counts them. <c>POST /page/{person}</c> receives Vigil's page webhooks and records, per
/// person, when each page's first notification arrived (wall clock, to compare with the server's deadlines).
/// </summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, DateTimeOffset>> _pages = new(StringComparer.Ordinal);
    private long _probePayloads;
    private long _defaultPayloads;

    private WebhookSink(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public long ProbePayloads => Interlocked.Read(ref _probePayloads);

    public long DefaultPayloads => Interlocked.Read(ref _defaultPayloads);

    public static async Task<WebhookSink> StartAsync(int port)
    {
        var builder = BenchWeb.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/probe", sink.OnProbeAsync);
        app.MapPost("/default", sink.OnDefaultAsync);
        app.MapPost("/page/{person}", sink.OnPageAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        sink.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return sink;
    }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp at which <paramref name="probeId"/> first arrived.</summary>
    public Task<long> Expect(string probeId) =>
        _waiting.GetOrAdd(probeId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string probeId) => _waiting.TryRemove(probeId, out _);

    /// <summary>Page id → when its first page webhook for <paramref name="person"/> arrived.</summary>
    public ConcurrentDictionary<long, DateTimeOffset> PagesFor(string person) =>
        _pages.GetOrAdd(person, _ => new ConcurrentDictionary<long, DateTimeOffset>());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IResult> OnProbeAsync(HttpRequest request)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _probePayloads);
        using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (doc.RootElement.TryGetProperty("alerts", out var alerts) && alerts.ValueKind == JsonValueKind.Array)
        {
            foreach (var alert in alerts.EnumerateArray())
            {
                if (alert.TryGetProperty("labels", out var labels)
                    && labels.TryGetProperty("probe_id", out var id)
                    && id.GetString() is { } probeId
                    && _waiting.TryGetValue(probeId, out var waiter))
                {
                    waiter.TrySetResult(arrived);
                }
            }
        }

        return TypedResults.Ok();
    }

    private async Task<IResult> OnPageAsync(HttpRequest request, string person)
    {
        var arrived = TimeProvider.System.GetUtcNow();
        using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (doc.RootElement.TryGetProperty("page", out var page) && page.TryGetProperty("id", out var id) && id.TryGetInt64(out var pageId))
        {
            PagesFor(person).TryAdd(pageId, arrived);
        }

        return TypedResults.Ok();
    }

    private async Task<IResult> OnDefaultAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _defaultPayloads);
        await request.Body.CopyToAsync(Stream.Null, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok();
    }
}
