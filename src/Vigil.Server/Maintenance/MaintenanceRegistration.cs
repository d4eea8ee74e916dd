using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Alerts;

namespace Vigil.Server.Maintenance;

/// <summary><c>AddMaintenance()</c>, and loading the stored windows before anything is dispatched.</summary>
internal static class MaintenanceRegistration
{
    public static IServiceCollection AddMaintenance(this IServiceCollection services)
    {
        services.AddSingleton<WindowSet>();
        services.AddSingleton<IAlertMuter>(sp => sp.GetRequiredService<WindowSet>());
        services.AddSingleton<WindowStore>();
        services.AddSingleton<WindowEventStore>();
        services.AddSingleton<AlertPoster>();
        services.AddSingleton<OutlivedAlerts>();
        services.AddSingleton<WatcherCheck>();
        services.AddSingleton<WindowEditor>();
        services.AddSingleton<MaintenanceService>();
        services.AddHostedService(sp => sp.GetRequiredService<MaintenanceService>());
        services.AddSingleton(new Cluster.SharedTable("maintenance_windows", async (sp, ct) =>
        {
            var windows = sp.GetRequiredService<WindowSet>();
            var version = windows.Version;
            // Not applied when a window was put meanwhile: that change's own notice brings another re-read.
            windows.ReplaceStored(await sp.GetRequiredService<WindowStore>().ListAsync(ct), version);
            sp.GetRequiredService<MaintenanceService>().Wake();
        }));
        return services;
    }

    /// <summary>Loads the stored windows, so alerts they mute are not notified in the first moments after a start.</summary>
    public static async Task RestoreMaintenanceAsync(this IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<WindowSet>().ReplaceStored(await services.GetRequiredService<WindowStore>().ListAsync(ct));
}
