using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Actions;

/// <summary><c>AddActions()</c>, and loading the signing key before the first request is signed.</summary>
internal static class ActionsRegistration
{
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddSingleton<ActionSigner>();
        services.AddSingleton<ActionStore>();
        services.AddSingleton<AgentActionService>();
        services.AddSingleton<ActionMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ActionMonitor>());
        return services;
    }

    public static void LoadActionKey(this IServiceProvider services) => services.GetRequiredService<ActionSigner>().Load();
}
