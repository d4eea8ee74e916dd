using Vigil.Drill.Desks;
using Vigil.Drill.Fleet;
using Vigil.Drill.Notify;
using Vigil.Drill.People;
using Vigil.Drill.Plans;
using Vigil.Drill.Scenarios;
using Vigil.Drill.Simulation;
using Vigil.Drill.Watch;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Escalation;
using Vigil.Server.Oncall;

namespace Vigil.Drill.Run;

/// <summary>
/// One run of a scenario: the simulated fleet and people, and Vigil's capabilities composed from the server's own code
/// (host and probe rules, the alert → notification path, escalation, silences, windows, plan runs, incidents), all
/// on one virtual clock and one thread. Events at the same instant run in the order they were scheduled; a run is a
/// function of the scenario and the seed.
/// </summary>
internal sealed class DrillWorld : IActs
{
    private readonly AlertBook _alerts = new();

    public DrillWorld(Scenario scenario, int seed)
    {
        Scenario = scenario;
        Seed = seed;
        Clock = new VirtualClock(scenario.Start);
        Queue = new EventQueue();
        Log = new DrillLog();
        Config = scenario.Vigil;
        Fleet = new SimFleet(FleetWithConfiguredProbes(scenario), scenario.Faults, Queue, Clock, seed);
        Hosts = new HostWatch(Config.Hosts, Queue, Clock);
        Probes = new ProbeWatch(scenario.Fleet, Config);
        Notify = new NotificationSimulator(ScopedConfig(scenario), scenario.Start);
        OnCall = new OnCallLookup(new ConfigHolder(Config, null), new OverrideSet(), Clock);
        Pager = new Pager(Config.EscalationPolicies, new OnCallContactDirectory(OnCall), Queue, Clock, Log);
        People = new ResponderModel(scenario.Responders, seed, Queue, Clock, this);
        Silences = new SilenceDesk(this);
        Windows = new WindowDesk(this);
        Incidents = new IncidentTracker(this);
        Plans = new PlanDriver(this);
        Invariants = new Invariants(this);
    }

    public Scenario Scenario { get; }

    public int Seed { get; }

    public VirtualClock Clock { get; }

    public EventQueue Queue { get; }

    public DrillLog Log { get; }

    public VigilConfig Config { get; }

    public SimFleet Fleet { get; }

    public HostWatch Hosts { get; }

    public ProbeWatch Probes { get; }

    public NotificationSimulator Notify { get; }

    public IOnCallLookup OnCall { get; }

    public Pager Pager { get; }

    public ResponderModel People { get; }

    public SilenceDesk Silences { get; }

    public WindowDesk Windows { get; }

    public IncidentTracker Incidents { get; }

    public PlanDriver Plans { get; }

    public Invariants Invariants { get; }

    /// <summary>For tests of the invariants: a defect built in on purpose, so a test sees it reported (see <see cref="Invariants"/>).</summary>
    internal string? BreakOnPurpose { get; init; }

    /// <summary>The alerts Vigil holds now.</summary>
    public IEnumerable<Alert> Alerts() => _alerts.All;

    /// <summary>A guardrail acted: logged apart, so the report lists every one.</summary>
    public void Guardrail(DateTimeOffset at, string text) => Log.Add(at, "guardrail", text);

    /// <summary>Alerts reach Vigil (from a host's report, its silence, a probe): held, dispatched, and looked at by the incident rules.</summary>
    public void Raise(IReadOnlyList<Alert> alerts)
    {
        var now = Clock.GetUtcNow();
        var changes = _alerts.Apply(alerts, now);
        foreach (var (alert, firing) in changes)
        {
            Log.Add(now, "alert", $"{alert.Labels.ValueOrEmpty("alertname")} {Describe(alert)} {(firing ? "firing" : "resolved")}");
        }
        var copies = Windows.CopiesToResolve(changes.Where(c => !c.Firing).Select(c => c.Alert), now);
        if (copies.Count > 0)
        {
            alerts = [.. alerts, .. copies];
            foreach (var (alert, _) in _alerts.Apply(copies, now))
            {
                Log.Add(now, "alert", $"{alert.Labels.ValueOrEmpty("alertname")} {Describe(alert)} resolved with the alert it was raised again for");
            }
        }
        Invariants.Posted(alerts);
        Notify.Post([.. alerts.Select(a => new SentAlert(a.Labels, a.StartsAt, a.EndsAt, a.Annotations))], now);
        Incidents.Evaluate();
    }

    public DrillResult Run()
    {
        Hosts.Raised += Raise;
        Probes.Raised += Raise;
        Fleet.Reported += Hosts.Report;
        Fleet.Probed += (probe, ok, reason) => Probes.Result(probe, ok, reason, Clock.GetUtcNow());
        Fleet.Announced = Windows.Announced;
        Fleet.Changed += Incidents.ResolveWhereDone;
        Pager.Reached += (person, _) => People.Reached(person);
        Pager.Acknowledged += (person, _) => People.Happened(person, ActEvent.Acknowledged);
        foreach (var edge in Windows.Edges(Scenario.Start, Scenario.End))
        {
            Queue.At(edge, "window edge", Fleet.Measure);
        }
        foreach (var fault in Scenario.Faults)
        {
            Log.Add(fault.At, "fault", $"{Fault.KindName(fault.Kind)} {fault.Target}{(fault.Detail is { } d ? " " + d : "")}"
                + (fault.Until is { } u ? $" until {ScenarioTimes.Show(u, Scenario.Zone, Scenario.Start)}" : ""));
        }
        Windows.Start();
        Fleet.Start();
        People.Start();
        while (Next() is { } at && at <= Scenario.End)
        {
            Clock.MoveTo(at);
            while (Queue.TryTake(at, out var e))
            {
                e.Run();
                Pump();
            }
            Pump();
        }
        Clock.MoveTo(Scenario.End);
        Pump();
        Fleet.Measure();
        Fleet.Impact.Close(Scenario.End);
        return DrillResult.Of(this);
    }

    private DateTimeOffset? Next() =>
        (Queue.NextAt, Notify.NextDueAt) switch
        {
            ({ } q, { } n) => q <= n ? q : n,
            ({ } q, null) => q,
            (null, var n) => n,
        };

    /// <summary>Flushes what is due and turns notifications into pages.</summary>
    private void Pump()
    {
        var output = Notify.AdvanceTo(Clock.GetUtcNow());
        foreach (var held in output.HeldBack)
        {
            Log.Add(held.At, "held", $"{held.Alert.ValueOrEmpty("alertname")} held back from {held.Receiver}: {held.Kind}: {held.Detail}");
            Invariants.Held(held);
        }
        foreach (var n in output.Notifications)
        {
            if (BreakOnPurpose == "notify-twice")
            {
                Invariants.Notified(n);
            }
            Invariants.Notified(n);
            var down = Scenario.Faults.FirstOrDefault(f => f.Kind == FaultKind.ReceiverDown && f.Target == n.Receiver && f.ActiveAt(n.At));
            Log.Add(n.At, "notify", $"{n.Receiver}: {n.Firing.Count} firing, {n.Resolved.Count} resolved ({n.Reason.Kind}){(down is null ? "" : ": the receiver is down, the outbox retries until it is back")}");
            if (down?.Until is { } back && n.Integrations.Any(i => i.Kind != "vigil"))
            {
                // The outbox keeps retrying; the first attempt after the receiver is back delivers it.
                Queue.At(back, $"{n.Receiver} back", () => Log.Add(back, "notify", $"{n.Receiver}: delivered late, once the receiver was back ({n.Firing.Count} firing, {n.Resolved.Count} resolved)"));
            }
            foreach (var integration in n.Integrations.Where(i => i.Kind == "vigil" && i.Policy is not null))
            {
                var title = n.Firing.Concat(n.Resolved).Select(a => a.Labels.ValueOrEmpty("alertname")).FirstOrDefault() + " " + n.GroupLabels;
                Pager.Group(n.GroupKey, n.Receiver, integration.Policy!, title.Trim(), n.Firing.Count > 0,
                    n.Firing.Any(a => Server.Maintenance.WindowRules.IsCustomerFacing(a.Labels)));
            }
        }
    }

    public void Ack(string person)
    {
        Pager.Ack(person);
    }

    public void Perform(string person, ResponderAct act)
    {
        var now = Clock.GetUtcNow();
        switch (act.Kind)
        {
            case ActKind.Ack:
                Ack(person);
                break;
            case ActKind.Silence:
                Silences.Create(person, act.Matchers, act.For, act.Comment);
                break;
            case ActKind.Approve:
                Silences.Approve(person);
                break;
            case ActKind.RunPlan:
                Log.Add(now, "act", $"{person} runs plan {act.Name}");
                Plans.Start(Config.Plans.Definitions.First(p => p.Name == act.Name), person);
                break;
            case ActKind.VendorTicket:
                Incidents.VendorTicket(person, act.Name!, act.For);
                break;
            case ActKind.Mount:
                Log.Add(now, "act", $"{person} mounts {act.Name} on {act.Host} by hand");
                Fleet.Mount(act.Host!, act.Name!);
                break;
            case ActKind.Reboot:
                Log.Add(now, "act", $"{person} reboots {act.Host} by hand");
                Fleet.Reboot(act.Host!);
                break;
            case ActKind.Restart:
                Log.Add(now, "act", $"{person} restarts {act.Name} on {act.Host} (takes {act.For})");
                Fleet.Restart(act.Host!, act.Name!, act.For);
                break;
        }
    }

    /// <summary>The fleet, with each probe the configuration defines taking its interval from there.</summary>
    private static Scenarios.FleetSpec FleetWithConfiguredProbes(Scenario s) =>
        s.Fleet with
        {
            Probes = [.. s.Fleet.Probes.Select(p => s.Vigil.Probes.FirstOrDefault(d => d.Name == p.Name) is { } d ? p with { Every = d.Interval } : p)],
        };

    /// <summary>With window scoping off, the configuration's windows are silences (<see cref="WindowDesk"/>), not windows.</summary>
    private static VigilConfig ScopedConfig(Scenario s) =>
        s.Policy.WindowScoping ? s.Vigil : s.Vigil with { Maintenance = s.Vigil.Maintenance with { Windows = [] } };

    private static string Describe(Alert a) => LabelsWithoutName(a.Labels);

    /// <summary>An alert's labels but its name, as the timeline shows them after it: <c>{host="lb-1", severity="critical"}</c>.</summary>
    public static string LabelsWithoutName(Server.Labels.LabelSet labels) =>
        "{" + string.Join(", ", labels.Where(p => p.Key != "alertname").Select(p => $"{p.Key}=\"{p.Value}\"")) + "}";
}
