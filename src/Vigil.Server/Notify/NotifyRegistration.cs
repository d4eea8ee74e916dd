using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

internal static class NotifyRegistration
{
    /// <summary>The outbox delivery worker, with its own HTTP client (no cookies, no redirects to other hosts).</summary>
    public static IServiceCollection AddNotify(this IServiceCollection services)
    {
        services.AddSingleton<Integrations.HttpClients>();
        services.AddSingleton<Integrations.INotifier, Integrations.WebhookNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.EmailNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.SlackNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.TelegramNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.DiscordNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.WebexNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.PagerDutyNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.OpsgenieNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.VictorOpsNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.WechatNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.PushoverNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.SnsNotifier>();
        services.AddSingleton<Integrations.INotifier, Integrations.MsTeamsNotifier>();
        services.AddSingleton<Integrations.IntegrationDelivery>();
        services.AddSingleton(sp => new OutboxDeliveryService(
            sp.GetRequiredService<OutboxStore>(),
            new HttpClient(ReceiverConnections.Handler()) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxDeliveryService>>(),
            Options(sp.GetRequiredService<Config.ConfigHolder>().Current.Server, sp.GetRequiredService<Hosting.VigilServerOptions>().DataDir,
                sp.GetRequiredService<Cluster.ThisNode>().Instance),
            new Email.EmailSender(sp.GetRequiredService<Config.ConfigHolder>()),
            sp.GetRequiredService<Integrations.IntegrationDelivery>()));
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDeliveryService>());
        return services;
    }

    /// <summary>
    /// The node is named by its machine and data folder, so a restart on the same folder is the same node (and takes
    /// back its leases) while two servers sharing a PostgreSQL from one machine stay apart.
    /// </summary>
    private static OutboxDeliveryOptions Options(Config.ServerSettings server, string dataDir, string instance)
    {
        var folder = System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir));
        var node = $"{Environment.MachineName}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(folder))[..12]}";
        return new OutboxDeliveryOptions { Node = node, Instance = instance, RetryMaxDelay = server.NotificationRetryMaxDelay };
    }
}
