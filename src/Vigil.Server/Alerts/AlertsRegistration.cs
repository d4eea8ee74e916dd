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
        services.AddSingleton<IngestFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestFollower>());
        services.AddSingleton(new Cluster.SharedChannel(Storage.IngestLog.NoticeChannel, (sp, _) => sp.GetRequiredService<IngestFollower>().Wake()));
        return services;
    }
}
