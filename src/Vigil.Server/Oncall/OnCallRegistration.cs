using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Oncall;

/// <summary><c>AddOncall()</c>, <c>MapOncall()</c>, and loading API overrides before the server answers.</summary>
internal static class OnCallRegistration
{
    public static IServiceCollection AddOncall(this IServiceCollection services)
    {
        services.AddSingleton<OverrideSet>();
        services.AddSingleton<OverrideStore>();
        services.AddSingleton<OverrideEditor>();
        services.AddSingleton<OnCallLookup>();
        services.AddSingleton<IOnCallLookup>(sp => sp.GetRequiredService<OnCallLookup>());
        services.AddSingleton<FeedSecrets>();
        services.AddSingleton<CoverageGapService>();
        services.AddHostedService(sp => sp.GetRequiredService<CoverageGapService>());
        services.AddSingleton(new Cluster.SharedTable("schedule_overrides", (sp, ct) => sp.GetRequiredService<OverrideEditor>().ReloadAsync(ct)));
        return services;
    }

    public static void MapOncall(this IEndpointRouteBuilder app)
    {
        app.MapPeople();
        app.MapSchedules();
        app.MapOnCallQueries();
        app.MapICal();
    }

    public static Task RestoreOncallAsync(this IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<OverrideEditor>().ReloadAsync(ct);
}
