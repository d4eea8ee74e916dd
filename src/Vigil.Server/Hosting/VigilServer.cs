using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Vigil.Server.Actions;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Alerts;
using Vigil.Server.Audit;
using Vigil.Server.Cluster;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Escalation;
using Vigil.Server.Heartbeats;
using Vigil.Server.Incidents;
using Vigil.Server.Incidents.ActionItems;
using Vigil.Server.Incidents.Postmortems;
using Vigil.Server.StatusPage;
using Vigil.Server.Vendors;
using Vigil.Server.Web;
using Vigil.Server.Web.Live;
using Vigil.Server.Hosts;
using Vigil.Server.Maintenance;
using Vigil.Server.Notify;
using Vigil.Server.Observability;
using Vigil.Server.Oncall;
using Vigil.Server.PagerDutyApi;
using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Pools;
using Vigil.Server.Probes;
using Vigil.Server.Security;
using Vigil.Server.Silences;
using Vigil.Server.Storage;

namespace Vigil.Server.Hosting;

/// <summary>Builds and starts the control plane: the table of contents of <c>vigil server</c>.</summary>
public static class VigilServer
{
    public const string UrlFileName = "server.url";

    /// <summary>Builds the app, restores state (snapshot + ingest-log replay) and starts listening.</summary>
    public static async Task<WebApplication> StartAsync(VigilServerOptions options, CancellationToken ct = default)
    {
        var tightened = DataFolder.Secure(options.DataDir);
        var web = options.WebConfigFile is { Length: > 0 } webFile ? WebConfigReader.ReadFile(webFile) : new WebConfig();
        // The configuration is read and the database opened on another thread while this one puts the host together and
        // builds it, which needs neither until a service is first resolved: ~40 ms each of an empty start, one after the
        // other before.
        var opening = Task.Run(() => ServerStores.OpenAsync(options, ct), ct);
        WebApplication app;
        try
        {
            app = AssembleHost(options, web, opening).Build();
        }
        catch
        {
            await ServerStores.CloseAsync(opening);
            throw;
        }
        ServerStores stores;
        try
        {
            stores = await opening;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var config = stores.Config;
        // The restore (seconds for a snapshot of a million alerts) runs, once the migrations are done, while the request
        // pipeline and its endpoints are put together (~0.1 s of one core); nothing is served before both are done. The
        // services the UI's live feed listens to are made beside them too, once the alerts are back: the Dispatcher among
        // them routes every alert change from its making on, and the replayed ones are not changes.
        // The hosted services are made then too, on a thread of their own (the host's start would make them one after
        // the other): those whose constructors subscribe to the alerts' changes (the Dispatcher, the incident watchers)
        // must not see the replayed ones either.
        Task<UiChangeWiring>? wiring = null;
        Task? hosted = null;
        var restoring = Task.Run(() => RestoreStateAsync(app.Services, stores.Migrated, alertsRestored: () =>
        {
            wiring = Task.Run(app.Services.GetRequiredService<UiChangeWiring>, ct);
            hosted = Task.Run(() => app.Services.GetServices<IHostedService>().Count(), ct);
        }, ct), ct);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Vigil.Server");
        DataFolder.LogTightened(logger, options.DataDir, tightened);
        var token = Task.Run(async () =>
        {
            await stores.Migrated;
            await AdminTokenBootstrap.EnsureAsync(app.Services.GetRequiredService<TokenStore>(), options.DataDir, logger, ct);
        }, ct);
        try
        {
            MapPipeline(app);
        }
        catch
        {
            await restoring.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await (wiring ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await (hosted ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await token.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        await restoring;
        await token;
        // After the restore, as before: the UI's live feed is told of changes from now on, not of the restore's.
        (await wiring!).Connect(); // made once the restore's alerts were back, which it has finished
        await hosted!;

        await app.StartAsync(ct);
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await DataFolder.WriteOwnerOnlyAsync(Path.Combine(options.DataDir, UrlFileName), url + "\n", ct);
        app.Services.GetRequiredService<ExternalUrl>().ListeningOn(url);
        app.Services.GetRequiredService<ThisNode>().Listening(url);
        app.Services.GetRequiredService<HostService>().Listening();
        app.Services.GetRequiredService<ServerLifecycle>().MarkReady();
        app.Services.GetRequiredService<ServerLifecycle>().WarmUp = WarmUpInBackground(app.Services, logger);
        ReloadOnSighup(app, config, logger);
        LogStarted(logger, url, config.Current.Source, stores.Database.Engine.ToString());
        LogWebUi(logger, url.TrimEnd('/') + "/ui", Path.Combine(options.DataDir, AdminTokenBootstrap.FileName));
        return app;
    }

    /// <summary>The web host with every service registered: touches no table, so it runs beside the migrations.</summary>
    private static WebApplicationBuilder AssembleHost(VigilServerOptions options, WebConfig web, Task<ServerStores> opening)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = options.WorkingDirectory,
            // Reloading appsettings.json (which Vigil does not use) makes the content-root file provider watch the
            // working directory; on Linux that watcher walks and inotify-watches every folder beneath it, so a
            // server started from a home folder or /tmp spent seconds of its start-up there (0.5 s → 1.5–3 s).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(ParseListen(options.Listen), listen =>
            {
                if (web.Tls is { } tls)
                {
                    var logs = k.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Vigil.Server.Security");
                    var certificates = new CertificateSource(tls, options.Clock, logs);
                    certificates.Load(); // unreadable files fail the start, not the first handshake
                    listen.UseHttpsFrom(tls, certificates);
                    TlsLog.HttpsOn(logs, tls.ClientAuth, web.Source);
                }
            });
            k.Limits.MaxRequestBodySize = null; // set per request from server.max_body_bytes (reloadable)
        });
        builder.Logging.ClearProviders();
        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o => { o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; o.UseUtcTimestamp = true; });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; o.UseUtcTimestamp = true; });
        }
        if (options.LogSink is { } sink)
        {
            builder.Logging.AddProvider(sink);
        }
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // Its only messages are per-request (information); while any level of it is on, the framework also starts an
        // Activity and a logging scope for every request, which nothing here reads.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // The UI's data-protection keys sit unencrypted in the owner-only data folder, like the database and admin token.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddSafetyNet();
        builder.Services.AddSingleton(options.Clock);
        // From the stores opened beside the build, which StartAsync awaits before anything is resolved. Factory
        // registrations, so the container disposes the databases (closing pooled connections) when the app is disposed.
        builder.Services.AddSingleton(_ => ServerStores.Opened(opening).Config);
        builder.Services.AddSingleton(_ => ServerStores.Opened(opening).Database);
        if (!options.UsesPostgres)
        {
            builder.Services.AddSingleton(_ => ServerStores.Opened(opening).Snapshot!);
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(web);
        builder.Services.AddSingleton<BasicAuthenticator>();
        if (options.OwnsProcess)
        {
            builder.Services.AddHostedService<IdleHeapCompaction>();
        }
        builder.Services.AddStorage();
        builder.Services.AddAlerts();
        builder.Services.AddDispatch();
        builder.Services.AddNotify();
        builder.Services.AddSilences();
        builder.Services.AddMaintenance();
        builder.Services.AddHosts();
        builder.Services.AddActions();
        builder.Services.AddEscalation();
        builder.Services.AddOncall();
        builder.Services.AddProbes();
        builder.Services.AddHeartbeats();
        builder.Services.AddPools();
        builder.Services.AddPlanDefinitions();
        builder.Services.AddIncidents();
        builder.Services.AddVendors();
        builder.Services.AddStatusPage();
        builder.Services.AddPlanRuns();
        builder.Services.AddWebUi(options.DataDir, options.Clock);
        builder.Services.AddCluster();
        builder.Services.AddSingleton<ServerLifecycle>();
        builder.Services.AddSingleton<PipelineWarmUp>();
        builder.Services.AddSingleton<VigilMetrics>();
        builder.Services.LoadUiKeyRingOnceReady();
        return builder;
    }

    /// <summary>
    /// Once ready: after the request that builds the route table (<see cref="PipelineWarmUp"/>), the UI's key ring is
    /// loaded (made, on an empty data folder), then the alert list's per-alert code is run over made-up alerts
    /// (<see cref="AlertListWarmUp"/>), and — where the configuration has a pool or a plan — a plan run's and an agent
    /// action's pure code over a made-up run and request (<see cref="PlanRunWarmUp"/>, <see cref="AgentActionWarmUp"/>),
    /// so the first request, UI page, list and plan run after a start are as fast as later ones.
    /// A failure costs only that speed.
    /// </summary>
    private static Task WarmUpInBackground(IServiceProvider services, ILogger logger)
    {
        var pipeline = services.GetRequiredService<PipelineWarmUp>();
        var protection = services.GetRequiredService<IDataProtectionProvider>();
        var resolver = services.GetRequiredService<AlertStatusResolver>();
        var clock = services.GetRequiredService<TimeProvider>();
        var signer = services.GetRequiredService<ActionSigner>();
        var plans = PlanRunWarmUp.Wanted(services.GetRequiredService<ConfigHolder>().Current);
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        return Task.Run(async () =>
        {
            try
            {
                await pipeline.Done;
                // The UI's key ring (sessions, anti-forgery tokens), loaded or made now rather than by the first UI request.
                protection.CreateProtector("vigil.warm-up").Protect([1]);
                await Task.WhenAll(
                    AlertListWarmUp.RunAsync(resolver, clock, lifetime.ApplicationStopping),
                    plans ? PlanRunWarmUp.RunAsync(clock, lifetime.ApplicationStopping) : Task.CompletedTask,
                    plans ? AgentActionWarmUp.RunAsync(signer, clock, lifetime.ApplicationStopping) : Task.CompletedTask);
                if (plans)
                {
                    // What the start left young (configuration, the compiled code's data, the warm-ups' garbage) is
                    // promoted now, while idle, not by the first collection of the first work after the start: that one
                    // took 30–45 ms here, and once the server allocated less it fell in a plan run's first batch
                    // (docs/benchmarks.md, "Session 53"). The young generations only: the cost does not grow with the
                    // alerts a restart restored. Twice: the first moves what survives into gen 1, where the next gen-1
                    // collection would promote it again, ~12 MB here (a 40 ms stop inside the first run); the second
                    // moves it on into gen 2 now.
                    GC.Collect(1, GCCollectionMode.Forced, blocking: true);
                    GC.Collect(1, GCCollectionMode.Forced, blocking: true);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped before it was done.
            }
            catch (Exception e)
            {
                LogWarmUpFailed(logger, e);
            }
        });
    }

    public static string Url(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    /// <summary>The middleware and every endpoint; touches no restored state, so it runs beside the restore.</summary>
    private static void MapPipeline(WebApplication app)
    {
        app.UseSafetyNet();
        app.UseMiddleware<ResponseHeadersMiddleware>();
        app.UseMiddleware<ReadinessMiddleware>();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.Services.GetRequiredService<PipelineWarmUp>().Capture(app);
        app.UseRouting();
        app.UseMiddleware<TokenAuthenticationMiddleware>();
        app.UseWebUi();
        app.MapAlertmanagerAlerts();
        app.MapAlertmanagerStatus();
        app.MapTokens();
        app.MapSecrets();
        app.MapNotifications();
        app.MapAudit();
        app.MapSilences();
        app.MapMaintenance();
        app.MapHosts();
        app.MapActions();
        app.MapPages();
        app.MapPageLinks();
        app.MapPagerDuty();
        app.MapOncall();
        app.MapProbes();
        app.MapHeartbeats();
        app.MapPools();
        app.MapPlanDefinitions();
        app.MapIncidents();
        app.MapPostmortems();
        app.MapActionItems();
        app.MapIncidentReports();
        app.MapVendors();
        app.MapVendorLinks();
        app.MapStatusPage();
        app.MapPlanRuns();
        app.MapCluster();
        app.MapWebUi();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<VigilMetrics>().Registry).AllowAnonymousAccess();
    }

    private static async Task RestoreStateAsync(IServiceProvider services, Task migrated, Action alertsRestored, CancellationToken ct)
    {
        await migrated;
        // A file of its own (made on the first start): beside the alerts.
        var actionKey = Task.Run(services.LoadActionKey, ct);
        var clock = services.GetRequiredService<TimeProvider>();
        var state = services.GetRequiredService<AlertState>();
        var started = clock.GetTimestamp();
        await services.GetRequiredService<AlertSnapshotStore>().LoadIntoAsync(state, ct);
        var fromSnapshot = state.Count;
        var loaded = clock.GetElapsedTime(started);
        var replayed = await services.GetRequiredService<AlertIngestor>().ReplayAsync(ct);
        LogRestored(services.GetRequiredService<ILoggerFactory>().CreateLogger("Vigil.Server"), state.Count, fromSnapshot, loaded,
            replayed, clock.GetElapsedTime(started));
        alertsRestored();
        // The rest reads a table (or file) of its own each, so side by side, on threads of their own: SQLite's reads run
        // synchronously. One after the other they were ~40 ms of an empty start.
        await Task.WhenAll(
            Task.Run(() => services.GetRequiredService<AlertStatusResolver>().Rebuild(), ct),
            Task.Run(() => services.GetRequiredService<SilenceService>().LoadAsync(ct), ct),
            Task.Run(() => services.RestoreMaintenanceAsync(ct), ct),
            Task.Run(() => services.RestoreHostsAsync(ct), ct),
            Task.Run(() => services.RestoreOncallAsync(ct), ct),
            Task.Run(() => services.GetRequiredService<NotificationLog>().LoadAsync(ct), ct),
            Task.Run(() => services.GetRequiredService<LinkSigner>().LoadAsync(ct), ct),
            actionKey);
    }

    private static void ReloadOnSighup(WebApplication app, ConfigHolder config, ILogger logger)
    {
        var registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
        {
            ctx.Cancel = true;
            var error = config.Reload();
            if (error is null) { LogReloaded(logger); } else { LogReloadFailed(logger, error); }
        });
        app.Lifetime.ApplicationStopped.Register(registration.Dispose);
    }

    private static IPEndPoint ParseListen(string listen)
    {
        var text = listen.Contains("://", StringComparison.Ordinal) ? new Uri(listen).Authority : listen;
        if (IPEndPoint.TryParse(text, out var ep))
        {
            return ep;
        }
        var colon = text.LastIndexOf(':');
        if (colon > 0 && text[..colon] == "localhost" && int.TryParse(text[(colon + 1)..], out var port))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }
        throw new ArgumentException($"--listen: expected host:port such as 127.0.0.1:9093, got '{listen}'");
    }

    private static void LogStarted(ILogger logger, string url, string configSource, string engine) =>
        logger.LogInformation("Vigil listening on {Url} (config: {Config}, storage: {Engine})", url, configSource, engine);

    private static void LogWebUi(ILogger logger, string url, string tokenFile) =>
        logger.LogInformation("Web UI: {Url} (the first admin signs in with the admin token in {TokenFile}, then adds users)", url, tokenFile);

    private static void LogRestored(ILogger logger, int alerts, int fromSnapshot, TimeSpan loading, int records, TimeSpan total) =>
        logger.LogInformation(
            "Alerts restored: {Alerts} held in {Seconds:F2} s ({FromSnapshot} from the snapshot in {SnapshotSeconds:F2} s, then {Records} ingest log records replayed)",
            alerts, total.TotalSeconds, fromSnapshot, loading.TotalSeconds, records);

    private static void LogWarmUpFailed(ILogger logger, Exception e) =>
        logger.LogWarning(e, "Warming up after the start failed; the first requests and alert list after this start may be slower");

    private static void LogReloaded(ILogger logger) => logger.LogInformation("Configuration reloaded");

    private static void LogReloadFailed(ILogger logger, string error) =>
        logger.LogError("Configuration reload failed; keeping the old one: {Error}", error);
}
