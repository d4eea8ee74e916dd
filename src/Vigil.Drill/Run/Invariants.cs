using Vigil.Drill.Notify;
using Vigil.Server.Alerts;
using Vigil.Server.Hosts;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;

namespace Vigil.Drill.Run;

/// <summary>
/// What must hold in every drill, whatever the scenario: no acknowledged alert lost; no customer-impact alert muted
/// without a silence a second person approved; no window ended with a muted alert still firing and not re-raised; no
/// pool member put back while its post-boot checks fail; no notification sent twice for one step. Each is checked
/// against what the run did, and a broken one names the first instance.
/// </summary>
internal sealed class Invariants(DrillWorld world)
{
    private readonly Dictionary<Fingerprint, Alert> _posted = [];
    private readonly HashSet<(string Group, string Receiver, DateTimeOffset At, string Integrations, string Content)> _sent = [];
    private readonly List<string> _mutedCustomer = [];
    private readonly List<string> _putBackFailing = [];
    private readonly List<string> _twice = [];
    private readonly List<(string Window, Alert Alert)> _windowMuted = [];
    private readonly List<PredictedNotification> _notifications = [];

    public void Posted(IEnumerable<Alert> alerts)
    {
        foreach (var a in alerts)
        {
            _posted[a.Fingerprint] = a;
        }
    }

    public void Held(HeldBack held)
    {
        var customer = WindowRules.IsCustomerFacing(held.Alert);
        if (customer && held.Kind == HoldKind.Window)
        {
            _mutedCustomer.Add($"{held.Alert} muted by window {held.Detail} at {Show(held.At)}");
        }
        if (customer && held.Kind == HoldKind.Silenced)
        {
            var silence = world.Silences.All.FirstOrDefault(s => held.Detail.Contains(s.Id, StringComparison.Ordinal));
            if (silence is null || silence.ApprovedBy is null || silence.ApprovedBy == silence.CreatorIdentity || silence.ApprovedBy.StartsWith('('))
            {
                _mutedCustomer.Add($"{held.Alert} muted by {held.Detail} at {Show(held.At)} without a second person's approval");
            }
        }
        if (held.Kind == HoldKind.Window && world.Windows.Named(held.Detail) is { } window && _posted.Values.FirstOrDefault(a => a.Labels.Equals(held.Alert)) is { } alert)
        {
            _windowMuted.Add((window.Id, alert));
        }
    }

    public void Notified(PredictedNotification n)
    {
        _notifications.Add(n);
        // The same message twice: one group, receiver and integrations, the same firing and resolved alerts, at one instant.
        // (A group that resolves and fires again at one instant sends two different messages: that is not a duplicate.)
        var content = string.Join(",", n.Firing.Select(a => a.Fingerprint.ToString())) + "|" + string.Join(",", n.Resolved.Select(a => a.Fingerprint.ToString()));
        if (!_sent.Add((n.GroupKey, n.Receiver, n.At, string.Join(",", n.Integrations.Select(i => $"{i.Kind}/{i.Index}")), content)))
        {
            _twice.Add($"{n.Receiver} {n.GroupKey} at {Show(n.At)}");
        }
    }

    public void PutBack(string host, HostRecord? record, DateTimeOffset at)
    {
        if (record is { } r && (r.PostBootFailing.Count > 0 || r.Checks.Any(c => !c.Passed)))
        {
            _putBackFailing.Add($"{host} put back in its pool at {Show(at)} with {string.Join("; ", r.Checks.Where(c => !c.Passed).Select(c => c.Message))}");
        }
    }

    public IReadOnlyList<InvariantResult> Check()
    {
        var now = world.Clock.GetUtcNow();
        var held = world.Notify.Held.ToDictionary(a => a.Fingerprint);
        var lost = _posted.Values.Where(a => a.IsFiringAt(now) && (!held.TryGetValue(a.Fingerprint, out var h) || !h.IsFiringAt(now)))
            .Select(a => $"{a.Labels} was acknowledged and is gone").ToList();
        var notReraised = new List<string>();
        foreach (var (windowId, alert) in _windowMuted.Distinct())
        {
            if (world.Windows.Get(windowId) is not { } window || WindowRules.OccurrenceAt(window, now) is not null)
            {
                continue; // still open at the end of the drill: nothing to re-raise yet.
            }
            var end = window.EndedAt ?? window.End ?? now;
            var stillFiring = world.Alerts().FirstOrDefault(a => a.Fingerprint == alert.Fingerprint) is { } current && current.IsFiringAt(end);
            var reraised = _notifications.Any(n => n.At >= end && n.Firing.Any(a => a.Fingerprint == alert.Fingerprint));
            var mutedOtherwise = world.Log.Entries.Any(e => e.Kind == "held" && e.At >= end && e.Text.StartsWith(alert.Labels.ValueOrEmpty("alertname"), StringComparison.Ordinal));
            if (stillFiring && !reraised && !mutedOtherwise)
            {
                notReraised.Add($"{alert.Labels} muted by window {windowId}, still firing at its end ({Show(end)}), not re-raised");
            }
        }
        var twice = _twice.Concat(world.Pager.Duplicates > 0 ? [$"{world.Pager.Duplicates} page notice(s) sent twice for one step"] : []).ToList();
        return
        [
            InvariantResult.Of("no acknowledged alert lost", lost),
            InvariantResult.Of("no customer-impact alert muted without an approved silence", _mutedCustomer),
            InvariantResult.Of("no window ended with a muted alert left firing and not re-raised", notReraised.Distinct().ToList()),
            InvariantResult.Of("no pool member put back while its post-boot checks fail", _putBackFailing),
            InvariantResult.Of("no notification sent twice for one step", twice),
        ];
    }

    private string Show(DateTimeOffset t) => Scenarios.ScenarioTimes.Show(t, world.Scenario.Zone, world.Scenario.Start);
}

/// <summary>One invariant: held, or broken with how many times and the first instance.</summary>
internal sealed record InvariantResult(string Name, bool Holds, int Broken, string? First)
{
    public static InvariantResult Of(string name, IReadOnlyList<string> violations) =>
        new(name, violations.Count == 0, violations.Count, violations.FirstOrDefault());
}
