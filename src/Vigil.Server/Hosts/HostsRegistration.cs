using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Hosts;

/// <summary><c>AddHosts()</c>, and loading the known hosts before the first report or silence check.</summary>
internal static class HostsRegistration
{
    public static IServiceCollection AddHosts(this IServiceCollection services)
    {
        services.AddSingleton<HostStore>();
        services.AddSingleton<AgentTokenStore>();
        services.AddSingleton<HostService>();
        services.AddSingleton<HostMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HostMonitor>());
        // No change notice (reports are frequent): read again on the follower's periodic pass.
        services.AddSingleton(new Cluster.SharedTable("hosts", (sp, ct) => sp.GetRequiredService<HostService>().ReloadAsync(ct)));
        return services;
    }

    public static Task RestoreHostsAsync(this IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<HostService>().LoadAsync(ct);
}
