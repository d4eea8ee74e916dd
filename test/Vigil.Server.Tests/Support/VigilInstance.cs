using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// A real Vigil server on 127.0.0.1 (port 0), started in-process from a config string, on a fresh SQLite
/// folder or a fresh PostgreSQL database. <see cref="Http"/> carries the admin token.
/// </summary>
public sealed class VigilInstance : IVigilDeployment
{
    private WebApplication _app;
    private readonly Func<HttpMessageHandler>? _handler;

    private VigilInstance(WebApplication app, VigilServerOptions options, string adminToken, Func<HttpMessageHandler>? handler = null)
    {
        _app = app;
        _handler = handler;
        Options = options;
        AdminToken = adminToken;
        Http = CreateClient(adminToken);
    }

    public VigilServerOptions Options { get; private set; }

    public string AdminToken { get; }

    public string Url => _app.Url();

    public HttpClient Http { get; private set; }

    public IServiceProvider Services => _app.Services;

    /// <param name="logLevel">The server's least log level (default: <c>VIGIL_TEST_LOG</c>, else Error); <paramref name="log"/> sees what passes it.</param>
    public static Task<VigilInstance> StartAsync(string engine, string configYaml, TimeProvider? clock = null, Microsoft.Extensions.Logging.ILoggerProvider? log = null,
        Microsoft.Extensions.Logging.LogLevel? logLevel = null) =>
        StartAsync(engine, configYaml, clock, log, webConfigFile: null, handler: null, logLevel: logLevel);

    /// <summary>A node of a cluster: a server on the PostgreSQL database <paramref name="postgres"/> (shared with other
    /// nodes) named <paramref name="node"/>, with a data folder of its own. Only the first node on a database writes
    /// an admin token to its folder; the others are reached with <paramref name="first"/>'s.</summary>
    public static Task<VigilInstance> StartNodeAsync(string postgres, string node, string configYaml, VigilInstance? first = null,
        TimeProvider? clock = null) =>
        StartAsync("postgres", configYaml, clock, null, webConfigFile: null, handler: null, postgres, node, first?.AdminToken);

    /// <summary>A server with <c>--web.config.file</c>; <paramref name="handler"/> makes the clients that talk to it
    /// (one trusting the test CA, say).</summary>
    public static Task<VigilInstance> StartWithWebConfigAsync(string configYaml, string webConfigFile, Func<HttpMessageHandler> handler) =>
        StartAsync("sqlite", configYaml, null, null, webConfigFile, handler);

    private static async Task<VigilInstance> StartAsync(string engine, string configYaml, TimeProvider? clock,
        Microsoft.Extensions.Logging.ILoggerProvider? log, string? webConfigFile, Func<HttpMessageHandler>? handler,
        string? postgres = null, string? node = null, string? adminToken = null, Microsoft.Extensions.Logging.LogLevel? logLevel = null)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-test-");
        var configPath = Path.Combine(dir.FullName, "vigil.yaml");
        await File.WriteAllTextAsync(configPath, configYaml);
        var options = new VigilServerOptions
        {
            Listen = "127.0.0.1:0",
            DataDir = Path.Combine(dir.FullName, "data"),
            ConfigPath = configPath,
            Postgres = engine == "postgres" ? postgres ?? await PostgresTestDatabase.CreateAsync() : null,
            Node = node,
            Clock = clock ?? TimeProvider.System,
            WorkingDirectory = dir.FullName,
            LogLevel = logLevel ?? Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(Environment.GetEnvironmentVariable("VIGIL_TEST_LOG") ?? "Error"),
            LogSink = log,
            WebConfigFile = webConfigFile,
        };
        var app = await VigilServer.StartAsync(options);
        var token = adminToken ?? (await File.ReadAllTextAsync(Path.Combine(options.DataDir, "admin.token"))).Trim();
        return new VigilInstance(app, options, token, handler);
    }

    /// <summary>Stops the server gracefully and starts it again on the same data (and a new port).</summary>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        await StopAppAsync();
        whileStopped?.Invoke();
        _app = await VigilServer.StartAsync(Options);
        Http.Dispose();
        Http = CreateClient(AdminToken);
    }

    Task IVigilDeployment.RestartAsync() => RestartAsync();

    public HttpClient CreateClient(string? token)
    {
        var http = new HttpClient(_handler?.Invoke() ?? new HttpClientHandler(), disposeHandler: true)
        {
            BaseAddress = new Uri(Url.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    public async Task<HttpResponseMessage> PostAlertsAsync(string json, HttpClient? client = null) =>
        await (client ?? Http).PostAsync("api/v2/alerts", new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonArray> GetAlertsAsync(string query = "")
    {
        var text = await Http.GetStringAsync("api/v2/alerts" + query);
        return JsonNode.Parse(text)!.AsArray();
    }

    public async Task<string> CreateTokenAsync(string scope)
    {
        var response = await Http.PostAsync("api/v1/tokens", new StringContent($"{{\"scope\":\"{scope}\"}}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAppAsync();
    }

    // Disposing the app disposes the server's Database too (closing its PostgreSQL pool), so parallel
    // tests do not run out of PostgreSQL connections.
    private async Task StopAppAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
