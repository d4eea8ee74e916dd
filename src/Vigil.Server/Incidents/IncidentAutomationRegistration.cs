using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Incidents;

/// <summary><c>AddIncidentAutomation()</c>: auto-open rules, paging the commander, update reminders, impact and analytics.</summary>
internal static class IncidentAutomationRegistration
{
    public static IServiceCollection AddIncidentAutomation(this IServiceCollection services)
    {
        services.AddSingleton<AutoOpenStore>();
        services.AddHostedService<IncidentAutoOpener>();
        services.AddHostedService<IncidentCommanderPager>();
        services.AddHostedService<IncidentUpdateReminder>();
        services.AddSingleton<IncidentImpact>();
        services.AddSingleton<IncidentAnalyticsService>();
        services.AddHostedService<IncidentMetrics>();
        return services;
    }
}
