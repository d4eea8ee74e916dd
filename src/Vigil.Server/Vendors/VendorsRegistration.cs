using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Incidents;

namespace Vigil.Server.Vendors;

/// <summary><c>AddVendors()</c>: tickets, their link signer, the deadline watcher and the timeline source.</summary>
internal static class VendorsRegistration
{
    public static IServiceCollection AddVendors(this IServiceCollection services)
    {
        services.AddSingleton<VendorTicketStore>();
        services.AddSingleton<VendorLinkSigner>();
        services.AddSingleton<VendorDeadlinePager>();
        services.AddSingleton<VendorTicketService>();
        services.AddHostedService<VendorDeadlineWatcher>();
        services.AddSingleton<ITimelineSource, VendorTimelineSource>();
        return services;
    }
}
