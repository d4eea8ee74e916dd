using Vigil.Contracts.Agents;
using Vigil.Server.Alerts;
using Vigil.Server.Hosts;
using Vigil.Server.Labels;
using Vigil.Server.Pools;

namespace Vigil.Server.Plans.Runs;

/// <summary>The pure judgements of gates and verifications, over what was just read live.</summary>
public static class PlanGates
{
    /// <summary>
    /// <c>oncall</c>: the plan's window watcher is on call now in the window's schedule, else in
    /// <c>maintenance.watcher_schedule</c>; no window fails, no schedule is no data.
    /// </summary>
    public static Observation OnCall(PlanRun run, string? watcherSchedule, Oncall.IOnCallLookup oncall, DateTimeOffset now)
    {
        if (run.Plan.Window is not { } window)
        {
            return Observation.Fail("gate oncall: the plan has no window, so no watcher");
        }
        var schedule = window.Schedule ?? watcherSchedule;
        if (schedule is null)
        {
            return Observation.NoData("gate oncall: neither the plan's window nor maintenance.watcher_schedule names a schedule");
        }
        var onCall = oncall.OnCallAt(schedule, now);
        return onCall.Contains(window.Watcher)
            ? Observation.Pass($"{window.Watcher} is on call in {schedule}")
            : Observation.Fail($"the watcher {window.Watcher} is not on call in {schedule} now", [$"on call in {schedule}: {string.Join(", ", onCall)}"]);
    }

    /// <summary>
    /// <c>pool_min_healthy</c>: may the members of <paramref name="leaving"/> (every host of the batch about to leave)
    /// go? Counted without them; unreadable instances make it inconclusive, never allowed.
    /// </summary>
    public static Observation PoolMinHealthy(PoolHealthReport report, IReadOnlyCollection<string> leaving)
    {
        var pool = report.Pool;
        if (report.Unreadable is { Count: > 0 } unreadable)
        {
            return Observation.NoData($"cannot tell whether pool {pool.Name} can spare {string.Join(", ", leaving)}: {string.Join("; ", unreadable.Select(i => i.Error!.Message))}");
        }
        var staying = report.Members.Where(m => !leaving.Contains(m.Member.Host) && !leaving.Contains(m.Member.Server)).ToList();
        var after = staying.Count(m => m.Healthy);
        var names = string.Join(", ", report.Members.Where(m => leaving.Contains(m.Member.Host) || leaving.Contains(m.Member.Server)).Select(m => m.Member.Server));
        if (after < pool.MinHealthy)
        {
            var unhealthy = staying.Where(m => !m.Healthy).SelectMany(m => m.Reasons).ToList();
            return Observation.Fail($"pool {pool.Name} would keep {after} healthy without {names}, below min_healthy {pool.MinHealthy}", unhealthy);
        }
        return Observation.Pass($"pool {pool.Name} keeps {after} healthy without {names} (min_healthy {pool.MinHealthy})");
    }

    /// <summary><c>no_firing</c>: none of the alerts firing now matches all <paramref name="matchers"/> (and, host-scoped, carries <c>host</c>).</summary>
    public static Observation NoFiring(IEnumerable<Alert> alerts, IReadOnlyList<Matcher> matchers, string? host, DateTimeOffset now)
    {
        var firing = alerts.Where(a => a.IsFiringAt(now) && Matcher.All(matchers, a.Labels) && (host is null || a.Labels.Get("host") == host))
            .Select(a => a.Labels.ToString()).Take(20).ToList();
        var what = matchers.Count == 0 ? "any alert" : Matcher.ListToString(matchers);
        return firing.Count == 0
            ? Observation.Pass($"no alert firing for {what}{(host is null ? "" : " on " + host)}")
            : Observation.Fail($"{firing.Count} alert(s) firing for {what}{(host is null ? "" : " on " + host)}", firing);
    }

    /// <summary>
    /// <c>post_boot</c>: judged on the first report after the new boot — every check passes, or the step fails with the
    /// failing checks. Null while no report of a new boot has come.
    /// </summary>
    public static Observation? PostBoot(HostRecord? host, string? bootBefore)
    {
        if (host is null || host.BootId == bootBefore)
        {
            return null;
        }
        var failing = host.Checks.Where(c => !c.Passed).Select(Describe).ToList();
        return failing.Count == 0
            ? Observation.Pass($"{host.Host} is back (boot {Short(host.BootId)}) and all {host.Checks.Count} check(s) pass")
            : Observation.Fail($"{host.Host} came back (boot {Short(host.BootId)}) with {failing.Count} failing check(s): {string.Join("; ", failing)}", failing);
    }

    /// <summary>
    /// The reload check: a member the run set to <paramref name="setTo"/> (drain or maint) that some readable instance
    /// shows ready was put back by someone else (HAProxy reloaded without <c>server-state-file</c>); null when it is not.
    /// </summary>
    public static Observation? NotPutBack(PoolHealthReport report, PoolMember member, string setTo)
    {
        var ready = report.Find(member.Server)?.Instances.Where(i => i.Error is null && i.Admin is null or AdminState.Ready).Select(i => i.Instance.Label).ToList();
        return ready is { Count: > 0 }
            ? Observation.Fail($"{report.Pool.Backend}/{member.Server} is ready in {string.Join(", ", ready)} although this run set it to {setTo}: " +
                "HAProxy was probably reloaded without server-state-file; Vigil does not trust a member it did not put back",
                [.. ready.Select(r => $"{r}: {report.Pool.Backend}/{member.Server} ready")])
            : null;
    }

    public static string Describe(CheckResult c) =>
        $"{c.Check}{(c.Subject.Count == 0 ? "" : " " + string.Join(",", c.Subject.Select(kv => $"{kv.Key}={kv.Value}")))}: {c.Message}";

    private static string Short(string boot) => boot.Length > 8 ? boot[..8] : boot;
}
