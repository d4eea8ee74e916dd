using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Heartbeats;

/// <summary><c>AddHeartbeats()</c>: the store and the service that loads, evaluates and records pings.</summary>
internal static class HeartbeatsRegistration
{
    public static IServiceCollection AddHeartbeats(this IServiceCollection services)
    {
        services.AddSingleton<HeartbeatStore>();
        services.AddSingleton<HeartbeatService>();
        services.AddHostedService(sp => sp.GetRequiredService<HeartbeatService>());
        services.AddSingleton(new Cluster.SharedTable("heartbeats", (sp, ct) => sp.GetRequiredService<HeartbeatService>().ReloadAsync(ct)));
        return services;
    }
}
