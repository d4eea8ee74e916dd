using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Dispatch;

internal static class DispatchRegistration
{
    public static IServiceCollection AddDispatch(this IServiceCollection services)
    {
        services.AddSingleton<AlertStatusResolver>();
        services.AddSingleton<NotificationLog>();
        services.AddSingleton<DispatchShards>();
        services.AddSingleton<FlushProcessor>();
        services.AddSingleton<ExternalUrl>();
        services.AddSingleton<Dispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
        services.AddSingleton<FlushRequests>();
        services.AddSingleton(new Cluster.SharedChannel(FlushRequests.Channel, FlushRequests.OnNotice));
        return services;
    }
}
