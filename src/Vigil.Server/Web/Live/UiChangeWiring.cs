using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Actions;
using Vigil.Server.Alerts;
using Vigil.Server.Escalation;
using Vigil.Server.Hosts;
using Vigil.Server.Incidents;
using Vigil.Server.Maintenance;
using Vigil.Server.Oncall;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Silences;
using Vigil.Server.StatusPage;
using Vigil.Server.Vendors;

namespace Vigil.Server.Web.Live;

/// <summary>Connects the services' change events to the <see cref="UiChangeFeed"/> once, at start.</summary>
internal static class UiChangeWiring
{
    public static void Connect(IServiceProvider services)
    {
        var feed = services.GetRequiredService<UiChangeFeed>();
        services.GetRequiredService<AlertState>().Changed += _ => feed.Touch(UiTopic.Alerts);
        services.GetRequiredService<SilenceSet>().Changed += () => feed.Touch(UiTopic.Silences);
        services.GetRequiredService<WindowSet>().Changed += () => feed.Touch(UiTopic.Windows);
        services.GetRequiredService<OverrideSet>().Changed += () => feed.Touch(UiTopic.Oncall);
        services.GetRequiredService<PageService>().Changed += () => feed.Touch(UiTopic.Pages);
        services.GetRequiredService<IncidentService>().Changed += _ => feed.Touch(UiTopic.Incidents);
        services.GetRequiredService<VendorTicketService>().Changed += _ => feed.Touch(UiTopic.Incidents);
        services.GetRequiredService<PublicUpdateService>().Changed += _ => feed.Touch(UiTopic.Incidents);
        services.GetRequiredService<PlanRunService>().Changed += _ => feed.Touch(UiTopic.Plans);
        services.GetRequiredService<AgentActionService>().Changed += _ => feed.Touch(UiTopic.Hosts);
        services.GetRequiredService<HostService>().Reported += () => feed.Touch(UiTopic.Hosts);
    }
}
