using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;
using Vigil.Server.Silences;

namespace Vigil.Drill.Notify;

/// <summary>
/// Says why firing alerts were left out of a flush, from the server's own answers (<see cref="AlertStatusResolver.Resolve"/>,
/// <see cref="SilenceRules.HoldsBack"/>, the route's time intervals). Each reason is reported once per group and alert
/// while it lasts, not at every flush.
/// </summary>
internal sealed class HoldTracker(VigilConfig config, AlertStatusResolver resolver, SilenceSet silences, WindowSet windows, AlertState state)
{
    private readonly Dictionary<(string GroupKey, string Receiver), HashSet<string>> _reported = [];

    public IReadOnlyList<HeldBack> Report(GroupFlush flush, FlushPlan plan, DateTimeOffset now)
    {
        var current = new List<HeldBack>();
        foreach (var alert in flush.Alerts.Where(a => !GroupFlush.IsResolved(a)))
        {
            if (plan.TimeMuted)
            {
                current.Add(Held(alert, HoldKind.TimeInterval, TimeIntervals(flush.Route, now)));
                continue;
            }
            var status = resolver.Resolve(alert, now);
            foreach (var id in status.SilencedBy)
            {
                current.Add(Held(alert, HoldKind.Silenced, DescribeSilence(id)));
            }
            foreach (var fp in status.InhibitedBy)
            {
                var source = Fingerprint.TryParse(fp, out var f) ? state.Get(f)?.Labels.ToString() : null;
                current.Add(Held(alert, HoldKind.Inhibited, "by " + (source ?? fp)));
            }
            foreach (var id in status.WindowIds)
            {
                current.Add(Held(alert, HoldKind.Window, DescribeWindow(id)));
            }
            foreach (var s in silences.All.Where(s => SilenceRules.HoldsBack(s, alert.Labels, now, config.Silences.CustomerLabel)).OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                current.Add(Held(alert, HoldKind.ApprovalMissing,
                    $"silence {s.Id} matches but is not approved, and {config.Silences.CustomerLabel} alerts need a second person's approval: not muted"));
            }
        }
        var key = (flush.GroupKey, flush.Receiver);
        var seen = _reported.GetValueOrDefault(key) ?? [];
        var held = current.Select(Key).ToHashSet(StringComparer.Ordinal);
        _reported[key] = held;
        return current.Where(h => !seen.Contains(Key(h))).ToList();

        HeldBack Held(Alert alert, HoldKind kind, string detail) => new(now, flush.Receiver, flush.GroupKey, alert.Labels, kind, detail);
    }

    /// <summary>Forgets a group that closed (its alerts all resolved and notified).</summary>
    public void Forget(string groupKey, string receiver) => _reported.Remove((groupKey, receiver));

    private static string Key(HeldBack h) => $"{h.Alert.Fingerprint}|{h.Kind}|{h.Detail}";

    private string DescribeSilence(string id) =>
        silences.Get(id) is { } s ? $"silence {s.Id} by {s.CreatedBy}: {s.Comment}" : "silence " + id;

    private string DescribeWindow(string id) =>
        windows.Get(id) is { Announcement.Length: > 0 } w
            ? $"maintenance window {id} ({w.Announcement})"
            : "maintenance window " + id;

    private string TimeIntervals(RouteNode route, DateTimeOffset now)
    {
        var muting = route.MuteTimeIntervals.Where(n => config.TimeIntervals.TryGetValue(n, out var set) && set.Contains(now)).ToList();
        return muting.Count > 0
            ? "route " + route.Key + ": inside mute_time_intervals " + string.Join(", ", muting)
            : "route " + route.Key + ": outside active_time_intervals " + string.Join(", ", route.ActiveTimeIntervals);
    }
}
