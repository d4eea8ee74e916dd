using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Cluster;

internal static class ClusterRegistration
{
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddSingleton<ThisNode>();
        services.AddSingleton<ClusterStore>();
        services.AddSingleton<LeaseBook>();
        services.AddSingleton<ClusterView>();
        services.AddHostedService<ClusterService>();
        services.AddSingleton<SharedStateFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<SharedStateFollower>());
        return services;
    }
}
