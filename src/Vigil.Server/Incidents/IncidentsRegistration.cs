using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Vigil.Server.Incidents;

/// <summary><c>AddIncidents()</c>: the store, the linker, the service and the timeline with its sources.</summary>
internal static class IncidentsRegistration
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IncidentLinker>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<IncidentTimeline>();
        services.AddSingleton<IncidentAlertWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentAlertWatcher>());
        services.AddIncidentAutomation();
        // Timeline sources, in the order ties are shown. The plan engine adds its own (steps, halts) the same way.
        services.AddSingleton<ITimelineSource, RecordedTimelineSource>();
        services.AddSingleton<ITimelineSource, AlertTimelineSource>();
        services.AddSingleton<ITimelineSource, HostTimelineSource>();
        services.AddSingleton<ITimelineSource, WindowTimelineSource>();
        services.AddSingleton<ITimelineSource, SilenceTimelineSource>();
        services.AddSingleton<ITimelineSource, PageTimelineSource>();
        services.AddSingleton<ITimelineSource, PlanRunTimelineSource>();
        services.AddSingleton<ActionItems.ActionItemStore>();
        services.AddSingleton<ActionItems.ActionItemService>();
        services.AddSingleton<Postmortems.PostmortemEditStore>();
        services.AddSingleton<Postmortems.PostmortemService>();
        services.AddSingleton<Postmortems.IPostmortemMeasures, Postmortems.RecordedMeasures>();
        return services;
    }
}
