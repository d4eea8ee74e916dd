using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vigil.Drill.Demo;

/// <summary>
/// The demo's own loopback HTTP endpoints, beside the real server: the shop's backends the customer probes look at
/// (<c>/shop</c>, <c>/checkout</c>, answering as the fleet is), the people's phones (<c>/phone/NAME</c>), and the control
/// endpoint <c>vigil demo fault</c> talks to (<c>/control/fault</c>, with the demo's control token).
/// </summary>
internal sealed class DemoWeb : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoWeb(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Url { get; }

    public static async Task<DemoWeb> StartAsync(DemoFleet fleet, PhoneLog phones, string controlToken, CancellationToken ct)
    {
        // No appsettings.json reload: its watcher would walk every folder under the working directory (VigilServer).
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/shop", () => fleet.ShopProblem() is { } problem
            ? Results.Text($"shop unavailable: {problem}\n", statusCode: 503)
            : Results.Text("<h1>Demo shop</h1><button>Add to cart</button>\n", "text/html"));
        app.MapGet("/checkout", () => fleet.CheckoutProblem() is { } problem
            ? Results.Text($"checkout unavailable: {problem}\n", statusCode: 503)
            : Results.Text("checkout: OK\n"));
        app.MapPost("/phone/{person}", async (string person, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            phones.Receive(person, await reader.ReadToEndAsync());
            return Results.Ok();
        });
        app.MapPost("/control/fault", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization.ToString() != "Bearer " + controlToken)
            {
                return Results.Text("not this demo's control token\n", statusCode: 401);
            }
            var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject;
            var name = body?["host"]?.ToString() ?? "";
            if (fleet.Find(name) is not { } host)
            {
                return Results.Text($"no host {name} in the demo (there are {string.Join(", ", fleet.Hosts.Select(h => h.Name))})\n", statusCode: 404);
            }
            if (!DemoFaults.ByName.TryGetValue(body?["fault"]?.ToString() ?? "", out var fault))
            {
                return Results.Text($"unknown fault (there are {DemoFaults.Names})\n", statusCode: 400);
            }
            try
            {
                return Results.Text(await fleet.ApplyAsync(host, fault) + "\n");
            }
            catch (DemoFaultException e)
            {
                return Results.Text(e.Message + "\n", statusCode: 409);
            }
        });
        await app.StartAsync(ct);
        return new DemoWeb(app, app.Urls.First().TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
