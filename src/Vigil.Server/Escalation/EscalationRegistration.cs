using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Server.Oncall;

namespace Vigil.Server.Escalation;

internal static class EscalationRegistration
{
    /// <summary>
    /// Pages, the escalation engine and signed links. The people seam: <see cref="IContactDirectory"/> over whatever
    /// <see cref="IOnCallLookup"/> is registered; the config-backed one only when the on-call capability registered none.
    /// </summary>
    public static IServiceCollection AddEscalation(this IServiceCollection services)
    {
        services.AddSingleton<IContactDirectory, OnCallContactDirectory>();
        services.AddSingleton<PageStore>();
        services.AddSingleton<LinkSigner>();
        services.AddSingleton<PagerDutyApi.RoutingKeyGroups>();
        services.AddSingleton<PageNotifier>();
        services.AddSingleton<PageService>();
        services.AddSingleton<EscalationEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationEngine>());
        return services;
    }
}
