using Vigil.Server.Alerts;
using Vigil.Server.Incidents;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;
using Vigil.Server.Probes;

namespace Vigil.Server.StatusPage;

/// <summary>
/// The pure rules of the status page. A component's status comes from detection: every bound probe failing (its
/// <c>ProbeFailed</c> alert firing) is a major outage, some of them a partial outage; a firing alert matching the component
/// is a major outage when labelled <c>severity="critical"</c>, else a partial outage. Silences do not hide anything here:
/// a silenced outage is still an outage to customers. Inside an occurrence of a maintenance window with an announcement
/// whose targets match the component (a bound probe's alert labels, or <c>component="NAME"</c>), it is under maintenance.
/// </summary>
public static class StatusRules
{
    public static ComponentStatus StatusOf(StatusComponent component, IReadOnlyList<Alert> firing, IReadOnlyList<MaintenanceWindow> windows,
        IReadOnlyDictionary<string, ProbeDefinition> probes, DateTimeOffset now)
    {
        if (windows.Any(w => Announced(w) && WindowRules.OccurrenceAt(w, now) is not null && Covers(w, component, probes)))
        {
            return ComponentStatus.UnderMaintenance;
        }
        var status = ComponentStatus.Operational;
        if (component.Probes.Count > 0)
        {
            var failing = component.Probes.Count(p => firing.Any(a => a.Labels.Get("alertname") == ProbeAlerts.AlertName && a.Labels.Get("probe") == p));
            status = failing == 0 ? status : failing == component.Probes.Count ? ComponentStatus.MajorOutage : ComponentStatus.PartialOutage;
        }
        foreach (var alert in firing)
        {
            if (status == ComponentStatus.MajorOutage)
            {
                break;
            }
            if (component.Matchers.Any(set => set.All(m => m.Matches(alert.Labels))))
            {
                var s = alert.Labels.Get("severity") == "critical" ? ComponentStatus.MajorOutage : ComponentStatus.PartialOutage;
                status = s > status ? s : status;
            }
        }
        return status;
    }

    public static bool Announced(MaintenanceWindow w) => w.Announcement.Trim().Length > 0;

    public static bool Covers(MaintenanceWindow w, StatusComponent component, IReadOnlyDictionary<string, ProbeDefinition> probes)
    {
        var labelSets = component.Probes.Where(probes.ContainsKey).Select(p => ProbeAlerts.LabelsOf(probes[p]))
            .Append(LabelSet.From([KeyValuePair.Create("component", component.Name)]));
        return labelSets.Any(labels => w.Targets.Any(set => set.All(m => m.Matches(labels))));
    }

    /// <summary>Statuspage's incident impact from a severity: SEV1 critical, SEV2 major, SEV3 minor, SEV4 none.</summary>
    public static string Impact(IncidentSeverity severity) => (int)severity switch
    {
        1 => "critical",
        2 => "major",
        3 => "minor",
        _ => "none",
    };

    /// <summary>The page's indicator and description from its components and unresolved public incidents' impacts.</summary>
    public static (string Indicator, string Description) Overall(IReadOnlyList<ComponentStatus> components, IEnumerable<string> incidentImpacts)
    {
        var rank = incidentImpacts.Select(i => Array.IndexOf(Indicators, i)).Append(0).Max();
        var outages = components.Where(c => c is not (ComponentStatus.Operational or ComponentStatus.UnderMaintenance)).ToList();
        if (outages.Count > 0)
        {
            var fromComponents = outages.Count == components.Count && outages.All(c => c == ComponentStatus.MajorOutage) ? 3
                : outages.Any(c => c == ComponentStatus.MajorOutage) ? 2 : 1;
            rank = Math.Max(rank, fromComponents);
        }
        return rank switch
        {
            0 when components.Any(c => c == ComponentStatus.UnderMaintenance) => ("none", "Service Under Maintenance"),
            0 => ("none", "All Systems Operational"),
            1 => ("minor", "Minor Service Outage"),
            2 => ("major", "Partial System Outage"),
            _ => ("critical", "Major System Outage"),
        };
    }

    private static readonly string[] Indicators = ["none", "minor", "major", "critical"];

    public static string Name(ComponentStatus s) => s switch
    {
        ComponentStatus.Operational => "operational",
        ComponentStatus.DegradedPerformance => "degraded_performance",
        ComponentStatus.PartialOutage => "partial_outage",
        ComponentStatus.MajorOutage => "major_outage",
        _ => "under_maintenance",
    };
}
