using System.Globalization;
using Vigil.Contracts.Agents;
using Vigil.Drill.Scenarios;

namespace Vigil.Drill.Fleet;

/// <summary>
/// A simulated host: up, down or rebooting; its mounts and services; the report its agent sends (the same
/// <see cref="AgentReport"/> a real agent posts, with a mount check per mount and a systemd check per service).
/// </summary>
internal sealed class SimHost(HostSpec spec)
{
    private readonly HashSet<string> _mounted = new(spec.Mounts, StringComparer.Ordinal);
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _restartingUntil = new(StringComparer.Ordinal);
    private int _boot = 1;
    private DateTimeOffset _bootedAt;

    public HostSpec Spec => spec;

    public string Name => spec.Name;

    /// <summary>Powered off or crashed (a <c>host_down</c> fault): no reports, the balancer's checks fail.</summary>
    public bool Down { get; set; }

    /// <summary>Until when the host is rebooting; null when not.</summary>
    public DateTimeOffset? RebootingUntil { get; private set; }

    public string BootId => $"{spec.Name}-boot-{_boot.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Running and reachable: reports go out and the balancer's connection checks pass.</summary>
    public bool Up => !Down && RebootingUntil is null;

    /// <summary>Up and every check passing: the service works for customers.</summary>
    public bool Serving(DateTimeOffset now) => Up && Checks(now).All(c => c.Passed);

    public void Start(DateTimeOffset now) => _bootedAt = now;

    /// <summary>Begins a reboot that lasts the host's <see cref="HostSpec.RebootTakes"/>.</summary>
    public DateTimeOffset BeginReboot(DateTimeOffset now)
    {
        RebootingUntil = now + spec.RebootTakes;
        return RebootingUntil.Value;
    }

    /// <summary>Ends a reboot: a new boot id; every mount comes back except <paramref name="lost"/>.</summary>
    public void FinishReboot(DateTimeOffset now, IReadOnlySet<string> lost)
    {
        RebootingUntil = null;
        _boot++;
        _bootedAt = now;
        _mounted.Clear();
        _mounted.UnionWith(spec.Mounts.Where(m => !lost.Contains(m)));
        _restartingUntil.Clear();
    }

    public void Mount(string mountPoint) => _mounted.Add(mountPoint);

    /// <summary>A check named by a mount point or a service fails (a <c>failing_checks</c> fault) or stops failing.</summary>
    public void SetFailing(string check, bool failing)
    {
        if (failing)
        {
            _failing.Add(check);
        }
        else
        {
            _failing.Remove(check);
        }
    }

    /// <summary>Restarts a service: it fails until <paramref name="until"/>, then runs (and any fault on it is cleared).</summary>
    public void Restart(string service, DateTimeOffset until)
    {
        _failing.Remove(service);
        _restartingUntil[service] = until;
    }

    public IReadOnlyList<CheckResult> Checks(DateTimeOffset now)
    {
        var checks = new List<CheckResult>(spec.Mounts.Count + spec.Services.Count);
        foreach (var m in spec.Mounts)
        {
            var ok = _mounted.Contains(m) && !_failing.Contains(m);
            checks.Add(new CheckResult("mount", new Dictionary<string, string> { ["mountpoint"] = m }, ok,
                ok ? $"{m} is mounted" : $"{m} is not mounted"));
        }
        foreach (var s in spec.Services)
        {
            var restarting = _restartingUntil.TryGetValue(s, out var until) && now < until;
            var ok = !_failing.Contains(s) && !restarting;
            checks.Add(new CheckResult("systemd", new Dictionary<string, string> { ["unit"] = s }, ok,
                ok ? $"unit {s} active" : restarting ? $"unit {s} restarting" : $"unit {s} failed"));
        }
        return checks;
    }

    /// <summary>The agent's report now, or null when the host cannot send one.</summary>
    public AgentReport? Report(DateTimeOffset now) =>
        Up ? new AgentReport(spec.Name, BootId, (now - _bootedAt).TotalSeconds, spec.ReportEvery.TotalSeconds, Checks(now), "drill") : null;
}
