using Vigil.Drill.Run;
using Vigil.Drill.Scenarios;
using Vigil.Server.Alerts;
using Vigil.Server.Incidents;
using Vigil.Server.Incidents.Postmortems;
using Vigil.Server.Labels;

namespace Vigil.Drill.Desks;

/// <summary>
/// Incidents in a drill: opened by the configuration's <c>incidents.auto_open</c> rules through the server's
/// <see cref="AutoOpenRules"/> (one incident per outage, alerts linked as they come), the commander paged as
/// <see cref="CommanderPaging"/> decides, vendor tickets with their response deadline, resolved once every linked alert
/// has resolved and customers are served again, and the postmortem written by the server's <see cref="PostmortemWriter"/>.
/// </summary>
internal sealed class IncidentTracker(DrillWorld world)
{
    private readonly List<DrillIncident> _incidents = [];
    private DateTimeOffset? _scheduled;

    public IReadOnlyList<DrillIncident> All => _incidents;

    /// <summary>Looks at the rules now (after alerts changed, or when an alert reaches its <c>for</c>).</summary>
    public void Evaluate()
    {
        var now = world.Clock.GetUtcNow();
        var rules = world.Config.Incidents.AutoOpen;
        var decision = AutoOpenRules.Decide(rules, world.Alerts(),
            rule => _incidents.FirstOrDefault(i => i.Incident.IsOpen && i.Incident.OpenKey == rule.OpenKey)?.Incident.Id,
            alert => _incidents.Any(i => i.IsLinked(alert)), now);
        foreach (var action in decision.Actions)
        {
            var incident = action.IncidentId is { } id ? _incidents.First(i => i.Incident.Id == id) : Open(action.Rule, action.Alerts[0], now);
            foreach (var alert in action.Alerts)
            {
                incident.Link(alert, now);
                world.Log.Add(now, "incident", $"incident #{incident.Incident.Id}: alert {alert.Labels.ValueOrEmpty("alertname")} {Describe(alert.Labels)} linked");
            }
        }
        if (decision.NextDue is { } due && due > now && (_scheduled is null || due < _scheduled || _scheduled <= now))
        {
            _scheduled = due;
            world.Queue.At(due, "incident rules", Evaluate);
        }
        foreach (var incident in _incidents.Where(i => i.Incident.IsOpen))
        {
            incident.Ended(world.Alerts(), now);
        }
        ResolveWhereDone();
    }

    /// <summary>Resolves open incidents whose linked alerts all resolved while customers are served.</summary>
    public void ResolveWhereDone()
    {
        var now = world.Clock.GetUtcNow();
        foreach (var incident in _incidents.Where(i => i.Incident.IsOpen && i.AllEnded && world.Fleet.Impact.Share == 0))
        {
            incident.Incident = incident.Incident with { Status = IncidentStatus.Resolved, ResolvedAt = now, UpdatedAt = now };
            world.Log.Add(now, "incident", $"incident #{incident.Incident.Id} resolved: its alerts resolved and customers are served");
        }
    }

    public void VendorTicket(string person, string vendorName, TimeSpan respondsAfter)
    {
        var now = world.Clock.GetUtcNow();
        var vendor = world.Config.Vendors.First(v => v.Name == vendorName);
        var incident = _incidents.LastOrDefault(i => i.Incident.IsOpen);
        var due = vendor.ResponseWithin is { } within ? now + within : (DateTimeOffset?)null;
        world.Log.Add(now, "vendor", $"{person} opens a ticket with {vendorName}{(incident is null ? "" : $" for incident #{incident.Incident.Id}")}"
            + (due is { } d ? $"; response due by {ScenarioTimes.Show(d, world.Scenario.Zone, world.Scenario.Start)}" : ""));
        DateTimeOffset? respondedAt = respondsAfter > TimeSpan.Zero ? now + respondsAfter : null;
        if (respondedAt is { } r)
        {
            world.Queue.At(r, $"{vendorName} responds", () => world.Log.Add(r, "vendor", $"{vendorName} responds to the ticket"));
        }
        if (due is { } deadline && (respondedAt is null || respondedAt > deadline))
        {
            world.Queue.At(deadline, $"{vendorName} deadline", () =>
            {
                world.Guardrail(deadline, $"{vendorName} missed its response deadline ({vendor.ResponseWithin}): the incident's commander is paged");
                var commander = incident?.Incident.Commander ?? world.Config.Incidents.Commander;
                if (commander is not null)
                {
                    world.Pager.Request($"vendor:{vendorName}:{deadline.ToUnixTimeSeconds()}", People.Pager.Direct("vendor-deadline", commander),
                        $"{vendorName} missed its response deadline", $"{vendorName} missed its response deadline: {commander} is paged");
                }
            });
        }
    }

    /// <summary>The postmortem of <paramref name="incident"/>, in Markdown, as the server writes it.</summary>
    public string Postmortem(DrillIncident incident)
    {
        var since = incident.Links.Select(l => l.StartedAt ?? incident.Incident.OpenedAt).Append(incident.Incident.OpenedAt).Min();
        var pages = world.Pager.Facts(since);
        var times = IncidentTimeRules.Derive(incident.Incident, incident.Links, pages);
        var timeline = world.Log.Entries.Where(e => e.Kind is not ("notify" or "held" or "paged")).OrderBy(e => e.At)
            .Select(e => new IncidentEntry(e.At, e.Kind, e.Kind, "", e.Text, null)).ToList();
        var detail = new IncidentDetail(incident.Incident, incident.Links, pages, times, timeline);
        // Lost as the drill counts it (impact inside announced maintenance is not; the report shows both), over this
        // incident: from its first alert to its resolution (or the end of the drill).
        var lost = world.Fleet.Impact.MinutesLostBetween(since, incident.Incident.ResolvedAt ?? world.Clock.GetUtcNow());
        var impact = new ImpactFigures(world.Fleet.Impact.Peak, Math.Round(lost, 2));
        var facts = new PostmortemFacts(detail, [], new Dictionary<string, SectionEdit>(), impact, []);
        return PostmortemMarkdown.Render(PostmortemWriter.Write(facts, world.Scenario.Zone));
    }

    private DrillIncident Open(AutoOpenRule rule, Alert first, DateTimeOffset now)
    {
        var commander = rule.Commander ?? world.Config.Incidents.Commander;
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (commander is not null)
        {
            roles[IncidentRoles.Commander] = commander;
        }
        var incident = new Incident(_incidents.Count + 1, AutoOpenRules.Title(rule, first.Labels), rule.Severity, IncidentStatus.Investigating, "", "", "",
            roles, new Dictionary<TimeField, DateTimeOffset>(), now, "auto_open:" + rule.Name, null, now, rule.OpenKey);
        var opened = new DrillIncident(incident);
        _incidents.Add(opened);
        world.Log.Add(now, "incident", $"incident #{incident.Id} opened ({rule.Severity}): {incident.Title}");
        if (CommanderPaging.PolicyFor(incident, world.Config.Incidents, world.Config.EscalationPolicies, p => world.Config.Oncall.People.ContainsKey(p)) is { } policy)
        {
            world.Pager.Request(CommanderPaging.PageKey(incident.Id), policy, $"Incident #{incident.Id}: {incident.Title}",
                $"incident #{incident.Id}: its commander is paged through {policy.Name}");
        }
        world.People.Happened(null, ActEvent.IncidentOpened);
        return opened;
    }

    private static string Describe(LabelSet labels) => DrillWorld.LabelsWithoutName(labels);
}

/// <summary>An incident of a drill and the alerts linked to it.</summary>
internal sealed class DrillIncident(Incident incident)
{
    private readonly List<IncidentLink> _links = [];

    public Incident Incident { get; set; } = incident;

    public IReadOnlyList<IncidentLink> Links => _links;

    public bool AllEnded => _links.All(l => l.EndedAt is not null);

    public bool IsLinked(Alert alert) => _links.Any(l => l.Ref == alert.Fingerprint.ToString() && l.StartedAt == alert.StartsAt);

    public void Link(Alert alert, DateTimeOffset now) =>
        _links.Add(new IncidentLink(IncidentLink.Alert, alert.Fingerprint.ToString(), alert.Labels.ValueOrEmpty("alertname"), alert.Labels,
            WindowRulesCustomer(alert.Labels), alert.StartsAt, null, now));

    /// <summary>Marks linked alerts that no longer fire as ended.</summary>
    public void Ended(IEnumerable<Alert> current, DateTimeOffset now)
    {
        var firing = current.Where(a => a.IsFiringAt(now)).Select(a => a.Fingerprint.ToString()).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < _links.Count; i++)
        {
            if (_links[i].EndedAt is null && !firing.Contains(_links[i].Ref))
            {
                _links[i] = _links[i] with { EndedAt = now };
            }
        }
    }

    private static bool WindowRulesCustomer(LabelSet labels) => Vigil.Server.Maintenance.WindowRules.IsCustomerFacing(labels);
}
