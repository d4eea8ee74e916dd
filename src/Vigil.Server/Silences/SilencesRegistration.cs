using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Alerts;

namespace Vigil.Server.Silences;

internal static class SilencesRegistration
{
    public static IServiceCollection AddSilences(this IServiceCollection services)
    {
        services.AddSingleton<SilenceSet>();
        services.AddSingleton<IAlertMuter>(sp => sp.GetRequiredService<SilenceSet>());
        services.AddSingleton<SilenceStore>();
        services.AddSingleton<SilenceService>();
        services.AddHostedService<SilenceSweeper>();
        services.AddSingleton(new Cluster.SharedTable("silences", (sp, ct) => sp.GetRequiredService<SilenceService>().LoadAsync(ct)));
        return services;
    }

    /// <summary>Alertmanager's <c>/api/v2/silences</c> and Vigil's native <c>/api/v1/silences</c>.</summary>
    public static void MapSilences(this IEndpointRouteBuilder app)
    {
        app.MapAlertmanagerSilences();
        app.MapNativeSilences();
    }
}
