using Vigil.Server.Alerts;

namespace Vigil.Server.Probes;

/// <summary>
/// The pure rules of a probe, as functions of (status, result, now): the rise/fall state after a result, and the alert
/// to raise for the state (firing while down, renewed every third of the resolve timeout; resolved once up again).
/// </summary>
public static class ProbeRules
{
    /// <summary>
    /// What the alerts say of a probe, for a node that has not run it itself: down since its <c>ProbeFailed</c> alert
    /// began while that alert fires (every node holds the same alerts, and they outlive a restart), else unknown.
    /// </summary>
    public static ProbeStatus FromAlert(ProbeDefinition def, Alert? alert, DateTimeOffset now) =>
        alert is not null && alert.IsFiringAt(now)
            ? new ProbeStatus
            {
                Definition = def, Health = ProbeHealth.Down, Since = alert.StartsAt,
                AlertFiring = true, AlertStartsAt = alert.StartsAt, LastFailure = alert.Annotations.Get("reason") ?? "",
            }
            : new ProbeStatus { Definition = def };

    /// <summary>The status after one result (the alert's fields are left to <see cref="SyncAlert"/>).</summary>
    public static ProbeStatus Apply(ProbeStatus before, ProbeResult result, DateTimeOffset now)
    {
        var def = before.Definition;
        var health = before.Health.Next(result.Success, def.Fall, def.Rise);
        var changed = health.Up != before.Health.Up;
        return before with
        {
            Health = health,
            Since = changed ? now : before.Since,
            LastRunAt = now,
            LastResult = result,
            LastFailure = result.Success ? before.LastFailure : result.Reason,
        };
    }

    /// <summary>
    /// The alert the status calls for now, and the status once it is raised; null when nothing is to be raised (up with
    /// no alert out, or down with a firing alert renewed recently enough).
    /// </summary>
    public static (Alert Alert, ProbeStatus Raised)? SyncAlert(ProbeStatus s, DateTimeOffset now, TimeSpan resolveTimeout)
    {
        if (!s.Health.Up)
        {
            var refreshDue = s.LastRaisedAt is not { } last || now - last >= resolveTimeout / 3;
            if (s.AlertFiring && !refreshDue)
            {
                return null;
            }
            var startsAt = s.AlertFiring ? s.AlertStartsAt : s.Since ?? now;
            return (ProbeAlerts.Firing(s.Definition, s.LastFailure, startsAt, now, resolveTimeout),
                s with { AlertFiring = true, AlertStartsAt = startsAt, LastRaisedAt = now });
        }
        return s.AlertFiring
            ? (ProbeAlerts.Resolved(s.Definition, s.LastFailure, s.AlertStartsAt, now), s with { AlertFiring = false, LastRaisedAt = now })
            : null;
    }
}
