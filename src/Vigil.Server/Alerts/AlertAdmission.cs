using Microsoft.Extensions.Logging;
using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>
/// The cap on alerts held (<c>server.limits.max_active_alerts</c>) for alerts from outside (the Alertmanager API,
/// PagerDuty events). At the cap an alert with a new label set is refused while updates of held alerts go on, so
/// what is already firing keeps being refreshed and resolved. Alerts Vigil raises itself (probes, heartbeats, hosts,
/// windows) never pass here: refusing one would hide the outage it reports, and their number is bounded by the
/// configuration and the other limits.
/// Requests in flight reserve places before they are appended; the fold that applies their alerts gives the places back
/// under the state's lock (<see cref="AlertState.CountPlus"/>), so concurrent requests can neither overshoot the cap
/// together nor be refused for alerts counted both as held and as reserved.
/// </summary>
public sealed partial class AlertAdmission(AlertState state, TimeProvider clock, ILogger<AlertAdmission> logger)
{
    /// <summary>Resolved alerts are dropped early at the cap, at most this often (a pass walks every alert).</summary>
    private static readonly TimeSpan CollectEvery = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private long _reserved;
    private DateTimeOffset _lastCollect = DateTimeOffset.MinValue;
    private DateTimeOffset _lastWarning = DateTimeOffset.MinValue;

    public Admission Admit(IReadOnlyList<Alert> alerts, int max)
    {
        var n = alerts.Count;
        // Far below the cap (always, in normal operation): take every alert as new, with no lookups.
        // A fold between the two reads can only make the sum too high (it adds to the state, then gives back): such a
        // request takes the exact path below.
        if (Interlocked.Add(ref _reserved, n) + state.Count <= max)
        {
            return new Admission(alerts, new Reservation(this, n), 0);
        }
        Interlocked.Add(ref _reserved, -n);
        lock (_gate)
        {
            return AdmitNearCap(alerts, max);
        }
    }

    /// <summary>Places given back by <see cref="Reservation.Release"/>.</summary>
    internal void GiveBack(int places) => Interlocked.Add(ref _reserved, -places);

    /// <summary>The 429 text for an admission that refused alerts.</summary>
    public string Refusal(Admission admission, int max) =>
        $"{admission.Refused} new alerts refused: Vigil holds {state.Count} alerts and the limit is {max} (server.limits.max_active_alerts); " +
        $"updates of alerts already held are accepted ({admission.Admitted.Count} accepted in this request)";

    private Admission AdmitNearCap(IReadOnlyList<Alert> alerts, int max)
    {
        var fresh = new HashSet<Fingerprint>();
        foreach (var a in alerts)
        {
            if (state.Get(a.Fingerprint) is null)
            {
                fresh.Add(a.Fingerprint);
            }
        }
        if (fresh.Count == 0)
        {
            return new Admission(alerts, Reservation.None, 0);
        }
        Interlocked.Add(ref _reserved, fresh.Count);
        var over = state.CountPlus(ref _reserved) - max;
        if (over > 0 && CollectResolved())
        {
            over = state.CountPlus(ref _reserved) - max;
        }
        if (over <= 0)
        {
            return new Admission(alerts, new Reservation(this, fresh.Count), 0);
        }
        // Admit the first new label sets that fit, in request order; every update of a held alert goes in.
        var room = fresh.Count - (int)Math.Min(over, fresh.Count);
        var admittedFresh = new HashSet<Fingerprint>();
        var admitted = new List<Alert>(alerts.Count);
        var refused = 0;
        foreach (var a in alerts)
        {
            var fp = a.Fingerprint;
            if (!fresh.Contains(fp) || admittedFresh.Contains(fp) || (admittedFresh.Count < room && admittedFresh.Add(fp)))
            {
                admitted.Add(a);
            }
            else
            {
                refused++;
            }
        }
        Interlocked.Add(ref _reserved, admittedFresh.Count - fresh.Count);
        if (refused > 0)
        {
            Warn(max);
        }
        return new Admission(admitted, admittedFresh.Count == 0 ? Reservation.None : new Reservation(this, admittedFresh.Count), refused);
    }

    /// <summary>Drops alerts already resolved, which only wait for the periodic collection, to make room.</summary>
    private bool CollectResolved()
    {
        var now = clock.GetUtcNow();
        if (now - _lastCollect < CollectEvery)
        {
            return false;
        }
        _lastCollect = now;
        var removed = state.CollectGarbage(now);
        if (removed > 0)
        {
            LogCollected(logger, removed);
        }
        return removed > 0;
    }

    private void Warn(int max)
    {
        var now = clock.GetUtcNow();
        if (now - _lastWarning >= WarnEvery)
        {
            _lastWarning = now;
            LogCapReached(logger, max);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Active alert limit reached ({Max}, server.limits.max_active_alerts): new alerts get 429, updates of held alerts go on")]
    private static partial void LogCapReached(ILogger logger, int max);

    [LoggerMessage(Level = LogLevel.Information, Message = "At the active alert limit: dropped {Count} resolved alerts early to make room")]
    private static partial void LogCollected(ILogger logger, int count);
}
