using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Incidents;

namespace Vigil.Server.StatusPage;

/// <summary><c>AddStatusPage()</c>: public updates (store, service, timeline source) and the page's cache.</summary>
internal static class StatusPageRegistration
{
    public static IServiceCollection AddStatusPage(this IServiceCollection services)
    {
        services.AddSingleton<PublicUpdateStore>();
        services.AddSingleton<PublicUpdateService>();
        services.AddSingleton<StatusPageCache>();
        services.AddSingleton<ITimelineSource, PublicUpdateTimelineSource>();
        return services;
    }
}
