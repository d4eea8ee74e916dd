using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Incidents;

/// <summary><c>AddIncidents()</c>: the store, the linker and the service.</summary>
internal static class IncidentsRegistration
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IncidentLinker>();
        services.AddSingleton<IncidentService>();
        return services;
    }
}
