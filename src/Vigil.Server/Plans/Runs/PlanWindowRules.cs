using Vigil.Server.Hosts;
using Vigil.Server.Labels;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// What a run's maintenance window expects at each moment. A host's <c>HostDown</c> is expected only while that host is
/// in its disruptive part: from the start of its first agent action (the reboot) until it has finished its steps, and
/// only while the run goes on (running or paused). Before, after, and once the run halts, the window expects nothing,
/// so a host that goes down when the plan is not rebooting it — or stays down after a halt — is heard like any other.
/// </summary>
public static class PlanWindowRules
{
    /// <summary>The signals the window expects when a host reboots (<c>RebootNonRoutine</c> is never muted by any window, but names the work).</summary>
    public static readonly Matcher RebootSignals = Matcher.Create("alertname", Labels.MatchType.Regex, $"{HostAlerts.Down}|{HostAlerts.RebootNonRoutine}");

    /// <summary>The hosts of the run in their disruptive part now, in run order.</summary>
    public static IReadOnlyList<string> Disrupted(PlanRun run) =>
        run.State is not (RunState.Running or RunState.Paused)
            ? []
            : [.. run.Hosts.Where(h => !h.Failed && h.NextStep < run.Plan.Steps.Count
                && h.Results.Any(r => run.Plan.Steps[r.Step].Kind == PlanStepKind.Agent)).Select(h => h.Host)];

    /// <summary>The window's expected signals for the run now: one selector per disrupted host; none when no host is.</summary>
    public static IReadOnlyList<IReadOnlyList<Matcher>> Expected(PlanRun run) =>
        [.. Disrupted(run).Select(host => (IReadOnlyList<Matcher>)[RebootSignals, Matcher.Equal("host", host)])];

    /// <summary>True when the run is over and its window should end (a halted run keeps it: a person is at work).</summary>
    /// <summary>The window a run opens over its hosts when it starts: for its expected length, expecting the reboot signals
    /// (narrowed by <see cref="Expected"/> as it goes), announced as the plan's window says or by the plan's name.</summary>
    public static Maintenance.WindowDraft Draft(PlanRun run, PlanWindow w, IReadOnlyList<string> hosts, TimeSpan length) => new()
    {
        Targets = [.. hosts.Select(h => $"host=\"{h}\"")],
        Expected = [$"alertname=~\"{HostAlerts.Down}|{HostAlerts.RebootNonRoutine}\""],
        Start = "now", Duration = PlanLength.Text(length), Watcher = w.Watcher, Backup = w.Backup, Schedule = w.Schedule,
        Announcement = w.Announcement is { Length: > 0 } a ? a : $"plan {run.Plan.Name} ({run.Id})",
    };

    public static bool EndsWindow(PlanRun run) => run.State is RunState.Succeeded or RunState.Aborted;

    /// <summary>Whether two lists of selectors say the same (order of selectors and of matchers within one included).</summary>
    public static bool Same(IReadOnlyList<IReadOnlyList<Matcher>> a, IReadOnlyList<IReadOnlyList<Matcher>> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.SequenceEqual(p.Second));
}
