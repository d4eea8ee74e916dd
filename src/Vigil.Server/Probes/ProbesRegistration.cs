using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Probes;

/// <summary><c>AddProbes()</c>: the scheduler (a hosted service) and the probe metrics.</summary>
internal static class ProbesRegistration
{
    public static IServiceCollection AddProbes(this IServiceCollection services)
    {
        services.AddSingleton<ProbeMetrics>();
        services.AddSingleton<ProbeScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ProbeScheduler>());
        return services;
    }
}
