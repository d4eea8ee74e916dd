using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Hosting;
using Vigil.Server.Tests.Support;
using Vigil.Server.Web.Live;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// What a start does ahead of or beside its other steps (docs/benchmarks.md, item 6): <c>/-/ready</c> answered before
/// routing, the route table built by a request in process once ready, the configuration read and the database opened
/// beside the host's assembly and build, and the UI's live feed made beside the restore.
/// </summary>
public sealed class StartUpTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Ready_AnswersGetAndHeadWithoutAToken_AndOtherMethodsGet405(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var anonymous = vigil.CreateClient(null);

        // On PostgreSQL a node is ready from its first heartbeat, which may follow the start by a moment.
        var ready = await Eventually.GetAsync(() => anonymous.GetAsync("-/ready"), r => r.StatusCode != HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("OK", await ready.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", ready.Content.Headers.ContentType?.ToString());
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "-/ready"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        // Paths are matched as routing matches them: without regard to case.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("-/READY")).StatusCode);

        var post = await vigil.Http.PostAsync("-/ready", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AfterAStart_TheWarmUpFinishesWithoutAWarning_AndTheApiAnswers(string engine)
    {
        var log = new CapturedLog();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, log: log, logLevel: LogLevel.Information);

        await vigil.Services.GetRequiredService<ServerLifecycle>().WarmUp;
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning && e.Text.Contains("warm", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}}]""")).StatusCode);
        Assert.Single(await vigil.GetAlertsAsync());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task TheUiKeyRing_IsMadeByTheWarmUpOnceReady_NotByAHostedServiceBeforeTheServerListens(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);

        // Matched by name where the web UI removes it: a framework that renamed it would fail here.
        Assert.DoesNotContain(vigil.Services.GetServices<IHostedService>(), s => s.GetType().Name == "DataProtectionHostedService");
        await vigil.Services.GetRequiredService<ServerLifecycle>().WarmUp;
        var key = Assert.Single(vigil.Services.GetRequiredService<IKeyManager>().GetAllKeys());
        Assert.False(key.IsRevoked);
    }

    [Fact]
    public async Task PipelineWarmUp_SendsOneRequestThroughRouting_ToTheHealthEndpoint_AsThePipelineIsBuilt()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var warmUp = new PipelineWarmUp();
        var before = 0;
        app.Use(next => context =>
        {
            before++;
            return next(context);
        });
        warmUp.Capture(app);
        app.UseRouting();
        var paths = new List<string>();
        app.MapGet("/-/healthy", (HttpContext context) =>
        {
            paths.Add(context.Request.Path);
            return Results.Text("OK");
        });
        await app.StartAsync(TestContext.Current.CancellationToken);

        await warmUp.Done;

        Assert.Equal(["/-/healthy"], paths);
        Assert.Equal(0, before); // it enters where it was captured: what comes before is not run
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ARestart_RestoresItsAlerts_AndTheUiFeedHearsOfChangesMadeAfterIt(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}},{"labels":{"alertname":"B"}}]""")).StatusCode);
        await vigil.RestartAsync();

        Assert.Equal(2, (await vigil.GetAlertsAsync()).Count);
        var feed = vigil.Services.GetRequiredService<UiChangeFeed>();
        var before = feed.Version(UiTopic.Alerts);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync("""[{"labels":{"alertname":"C"}}]""")).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(feed.Version(UiTopic.Alerts) > before));
    }
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AStartWithAnInvalidConfiguration_FailsWithTheFilesError_AndTheNextStartOnTheSameDataWorks(string engine)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-test-");
        var configPath = Path.Combine(dir.FullName, "vigil.yaml");
        await File.WriteAllTextAsync(configPath, """
            route:
              receiver: nobody
            receivers:
              - name: none
            """);
        var options = new VigilServerOptions
        {
            Listen = "127.0.0.1:0",
            DataDir = Path.Combine(dir.FullName, "data"),
            ConfigPath = configPath,
            Postgres = engine == "postgres" ? await PostgresTestDatabase.CreateAsync() : null,
            WorkingDirectory = dir.FullName,
            LogLevel = LogLevel.Error,
        };

        var error = await Assert.ThrowsAsync<Vigil.Server.Config.ConfigException>(() => VigilServer.StartAsync(options));
        Assert.Contains(configPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("nobody", error.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(configPath, Configs.Minimal);
        await using var app = await VigilServer.StartAsync(options);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url()) };
        var ready = await Eventually.GetAsync(() => http.GetAsync("-/ready"), r => r.StatusCode != HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task AStartWhoseDatabaseCannotBeReached_FailsWithTheDatabasesError_AndListensNowhere()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-test-");
        var configPath = Path.Combine(dir.FullName, "vigil.yaml");
        await File.WriteAllTextAsync(configPath, Configs.Minimal);
        var options = new VigilServerOptions
        {
            Listen = "127.0.0.1:0",
            DataDir = Path.Combine(dir.FullName, "data"),
            ConfigPath = configPath,
            // Nothing listens on port 1 of the loopback: each connection is refused at once.
            Postgres = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=5",
            WorkingDirectory = dir.FullName,
            LogLevel = LogLevel.Critical,
        };

        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => VigilServer.StartAsync(options).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.False(File.Exists(Path.Combine(options.DataDir, VigilServer.UrlFileName)));
    }
}
