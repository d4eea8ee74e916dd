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

/// <summary>
/// Connects the services' change events to the <see cref="UiChangeFeed"/> once, at start. Resolving it makes the
/// services (a start does that beside the restore); <see cref="Connect"/> subscribes, after the restore.
/// </summary>
internal sealed class UiChangeWiring(
    UiChangeFeed feed,
    AlertState alerts,
    SilenceSet silences,
    WindowSet windows,
    OverrideSet overrides,
    PageService pages,
    IncidentService incidents,
    VendorTicketService vendorTickets,
    PublicUpdateService publicUpdates,
    PlanRunService planRuns,
    AgentActionService actions,
    HostService hosts)
{
    public void Connect()
    {
        alerts.Changed += _ => feed.Touch(UiTopic.Alerts);
        silences.Changed += () => feed.Touch(UiTopic.Silences);
        windows.Changed += () => feed.Touch(UiTopic.Windows);
        overrides.Changed += () => feed.Touch(UiTopic.Oncall);
        pages.Changed += () => feed.Touch(UiTopic.Pages);
        incidents.Changed += _ => feed.Touch(UiTopic.Incidents);
        vendorTickets.Changed += _ => feed.Touch(UiTopic.Incidents);
        publicUpdates.Changed += _ => feed.Touch(UiTopic.Incidents);
        planRuns.Changed += _ => feed.Touch(UiTopic.Plans);
        actions.Changed += _ => feed.Touch(UiTopic.Hosts);
        hosts.Reported += () => feed.Touch(UiTopic.Hosts);
    }
}
