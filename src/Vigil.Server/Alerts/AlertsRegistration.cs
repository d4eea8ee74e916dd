using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Alerts;

internal static class AlertsRegistration
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertState>();
        services.AddSingleton<AlertIngestor>();
        services.AddSingleton<AlertAdmission>();
        services.AddSingleton<CheckpointService>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckpointService>());
        return services;
    }
}
