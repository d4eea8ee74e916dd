using Vigil.Server.Alerts;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;

namespace Vigil.Server.Web.Alerts;

/// <summary>
/// The alert list: the dispatcher's aggregation groups (the routing tree's grouping, as <c>/api/v2/alerts/groups</c>
/// answers it), filtered by matchers, receiver, state and assignment, paged over groups. One pass over the alerts
/// counts what matched; statuses are resolved only when a state filter needs them and for the rows shown, and only
/// the page's alerts are sorted, so the first page of 100,000 alerts costs one walk of them.
/// </summary>
public static class AlertListQuery
{
    public const int GroupsPerPage = 50;

    /// <summary>Rows on a page, shared out among its groups (at least <see cref="MinRowsPerGroup"/> each); a group's link shows all of it.</summary>
    public const int RowsPerPage = 100;

    public const int MinRowsPerGroup = 3;

    public static AlertListView Run(AlertListRequest request, IReadOnlyList<GroupView> groups, AlertStatusResolver resolver,
        AlertAssignment? assignment, DateTimeOffset now)
    {
        var (matchers, error) = AmtoolFilter.Parse(request.Filter);
        if (error is not null)
        {
            return AlertListView.Failed("Filter: " + error);
        }
        var needStatus = request.Show != ShownStates.All;
        var first = (request.Page - 1) * GroupsPerPage;
        var matchedGroups = 0;
        var matchedAlerts = 0;
        var onPage = new List<(GroupView Group, List<Alert> Alerts, int Matching)>();
        foreach (var group in groups)
        {
            if (request.Receiver is not null && group.Receiver != request.Receiver)
            {
                continue;
            }
            var keep = matchedGroups >= first && matchedGroups < first + GroupsPerPage;
            List<Alert>? kept = keep ? [] : null;
            var matching = 0;
            foreach (var alert in group.Alerts)
            {
                if (alert.IsResolvedAt(now) || !Matcher.All(matchers, alert.Labels)
                    || (assignment is not null && !assignment.Includes(request.Assigned, group.Receiver, alert))
                    || (needStatus && !Shows(request.Show, resolver.Resolve(alert, now))))
                {
                    continue;
                }
                matching++;
                kept?.Add(alert);
            }
            if (matching == 0)
            {
                continue;
            }
            matchedGroups++;
            matchedAlerts += matching;
            if (kept is not null)
            {
                onPage.Add((group, kept, matching));
            }
        }
        var limit = Math.Max(MinRowsPerGroup, RowsPerPage / Math.Max(1, onPage.Count));
        var views = onPage.Select(p =>
        {
            var rows = First(p.Alerts, limit).Select(a => new AlertRowView(a, resolver.Resolve(a, now))).ToList();
            return new AlertGroupView(p.Group.Receiver, p.Group.GroupLabels, p.Matching, rows);
        }).ToList();
        var pages = Math.Max(1, (matchedGroups + GroupsPerPage - 1) / GroupsPerPage);
        return new AlertListView(views, matchedGroups, matchedAlerts, request.Page, pages, null);
    }

    /// <summary>
    /// The first <paramref name="count"/> alerts in Alertmanager's order, without sorting them all: a group of 100,000
    /// alerts shows a few rows, and sorting it whole dominated the page's cost.
    /// </summary>
    public static List<Alert> First(List<Alert> alerts, int count)
    {
        if (alerts.Count <= count)
        {
            alerts.Sort(AlertOrder.Instance);
            return alerts;
        }
        // A max-heap of the smallest so far: its root is the one to drop when a smaller alert comes.
        var heap = new PriorityQueue<Alert, Alert>(count + 1, Comparer<Alert>.Create((x, y) => AlertOrder.Instance.Compare(y, x)));
        foreach (var alert in alerts)
        {
            if (heap.Count < count)
            {
                heap.Enqueue(alert, alert);
            }
            else if (AlertOrder.Instance.Compare(alert, heap.Peek()) < 0)
            {
                heap.EnqueueDequeue(alert, alert);
            }
        }
        var first = new List<Alert>(count);
        while (heap.TryDequeue(out var alert, out _))
        {
            first.Add(alert);
        }
        first.Reverse();
        return first;
    }

    /// <summary>Alertmanager's state filters (an alert both silenced and inhibited shows only when both are shown), plus windows.</summary>
    public static bool Shows(ShownStates show, AlertStatus status)
    {
        if (!status.IsSuppressed)
        {
            return show.HasFlag(ShownStates.Active);
        }
        return (status.SilencedBy.Count == 0 || show.HasFlag(ShownStates.Silenced))
            && (status.InhibitedBy.Count == 0 || show.HasFlag(ShownStates.Inhibited))
            && (status.WindowIds.Count == 0 || show.HasFlag(ShownStates.Muted));
    }
}
