using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Storage;

internal static class StorageRegistration
{
    /// <summary>The stores over the <see cref="Database"/> already registered.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton<IngestLog>();
        services.AddSingleton<AlertSnapshotStore>();
        services.AddSingleton<NotificationLogStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<ServerSecrets>();
        return services;
    }
}
