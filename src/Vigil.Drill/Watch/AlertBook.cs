using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Drill.Watch;

/// <summary>
/// The alerts Vigil holds during a drill, merged as the server merges them (<see cref="AlertMerge"/>), with the
/// moments each one started and stopped firing — what the report's detection times and invariants are read from.
/// </summary>
internal sealed class AlertBook
{
    private readonly Dictionary<Fingerprint, Alert> _alerts = [];

    public IEnumerable<Alert> All => _alerts.Values;

    public Alert? Get(Fingerprint fp) => _alerts.GetValueOrDefault(fp);

    /// <summary>Merges the alerts in; returns those whose firing state changed (began or ended).</summary>
    public IReadOnlyList<(Alert Alert, bool Firing)> Apply(IEnumerable<Alert> incoming, DateTimeOffset now)
    {
        var changed = new List<(Alert, bool)>();
        foreach (var alert in incoming)
        {
            var before = _alerts.GetValueOrDefault(alert.Fingerprint);
            var after = AlertMerge.Apply(before, alert, now);
            _alerts[alert.Fingerprint] = after;
            var wasFiring = before?.IsFiringAt(now) ?? false;
            var isFiring = after.IsFiringAt(now);
            if (wasFiring != isFiring)
            {
                changed.Add((after, isFiring));
            }
        }
        return changed;
    }

    public IEnumerable<Alert> FiringAt(DateTimeOffset now) => _alerts.Values.Where(a => a.IsFiringAt(now));
}
