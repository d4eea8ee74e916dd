using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

internal static class NotifyRegistration
{
    /// <summary>The outbox delivery worker, with its own HTTP client (no cookies, no redirects to other hosts).</summary>
    public static IServiceCollection AddNotify(this IServiceCollection services)
    {
        services.AddSingleton(sp => new OutboxDeliveryService(
            sp.GetRequiredService<OutboxStore>(),
            new HttpClient(new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxDeliveryService>>(),
            email: new Email.EmailSender(sp.GetRequiredService<Config.ConfigHolder>())));
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDeliveryService>());
        return services;
    }
}
