using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Vigil.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vigil.Server.Security;
using Vigil.Server.Web.Incidents;
using Vigil.Server.Web.Live;
using Vigil.Server.Web.Sessions;
using Vigil.Server.Web.Users;

namespace Vigil.Server.Web;

/// <summary>The web UI: Razor components rendered on the server (static SSR), a cookie session, anti-forgery
/// tokens on every form, and a server-sent event stream that keeps open pages current.</summary>
internal static class WebUiRegistration
{
    public static IServiceCollection AddWebUi(this IServiceCollection services, string dataDir, TimeProvider clock)
    {
        services.AddRazorComponents();
        // Session cookies and anti-forgery tokens survive a restart: the keys live in the data folder, owner-only
        // (in the database on PostgreSQL, below).
        var keys = Path.Combine(dataDir, "ui-keys");
        // Owner-only like the rest of the data folder (data protection would create it with the process umask).
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        services.AddDataProtection()
            .SetApplicationName("vigil")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        // On PostgreSQL the keys are in the database instead, so a session made on one node of a cluster holds on all.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            var db = sp.GetRequiredService<Database>();
            if (db.Engine == DatabaseEngine.Postgres)
            {
                o.XmlRepository = new DatabaseKeyRepository(db, clock);
            }
        }));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "vigil_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        services.AddAuthentication(UiSessions.Scheme)
            .AddCookie(UiSessions.Scheme, o => UiSessions.Configure(o, clock));
        services.AddSingleton<UiSessionValidator>();
        services.AddSingleton<UiChangeFeed>();
        services.AddSingleton<UiChangeWiring>();
        // In a cluster, a page, incident, plan run or agent action changed through another node updates this node's open pages.
        // The empty notice comes each time this node starts listening (again, after a broken connection): what other nodes
        // changed meanwhile was not heard, so every open page fetches again.
        services.AddSingleton(new Cluster.SharedChannel(UiChangeFeed.ClusterChannel, (sp, topic) =>
        {
            var feed = sp.GetRequiredService<UiChangeFeed>();
            if (topic.Length == 0)
            {
                foreach (var each in Enum.GetValues<UiTopic>())
                {
                    feed.Touch(each);
                }
            }
            else if (Enum.TryParse<UiTopic>(topic, out var named))
            {
                feed.Touch(named);
            }
        }));
        services.AddSingleton<Now.NowBuilder>();
        services.AddSingleton<UiAccountStore>();
        services.AddSingleton<UiAccountEditor>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<Alerts.LabelCatalog>();
        return services;
    }

    /// <summary>
    /// ASP.NET Core's key that says the authentication middleware is in the pipeline; while it is missing, the
    /// framework puts one in front of every request because a scheme (the UI's session cookie) is registered.
    /// </summary>
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// Between routing and the endpoints: the session cookie read for <c>/ui</c> only, the session guard for <c>/ui</c>,
    /// then anti-forgery validation.
    /// </summary>
    /// <summary>
    /// Data protection loads its key ring (on an empty folder: makes a key and writes it) in a hosted service that runs
    /// before the server listens: ~26 ms of an empty start. The server's warm-up once ready loads it instead
    /// (<c>VigilServer.WarmUpInBackground</c>); a UI request before that loads it itself. Call after every registration:
    /// each <c>AddDataProtection</c> (anti-forgery and cookie authentication make their own) adds the service back.
    /// </summary>
    public static void LoadUiKeyRingOnceReady(this IServiceCollection services)
    {
        foreach (var loadAtStart in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            services.Remove(loadAtStart);
        }
    }

    public static void UseWebUi(this WebApplication app)
    {
        // The session cookie means something only to the UI's pages: the API authenticates by token, so its requests
        // skip reading the cookie (a handler, a task and a scheme lookup per request on the one-alert-per-request path).
        app.UseWhen(UiSessionMiddleware.IsUiRequest, ui => ui.UseAuthentication());
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSet] = true;
        app.UseMiddleware<UiSessionMiddleware>();
        app.UseAntiforgery();
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/ui")).AllowAnonymousAccess().ExcludeFromDescription();
        app.MapUiAssets();
        app.MapUiLive();
        app.MapUiSignOut();
        app.MapPostmortemExport();
        app.MapUsers();
        // The session middleware guards every /ui page; the API's bearer-token check does not apply to them.
        app.MapRazorComponents<App>().Add(b => b.Metadata.Add(new OpenEndpoint()));
    }
}
