using Vigil.Server.Alerts;
using Vigil.Server.Silences;

namespace Vigil.Server.Web.Silences;

/// <summary>
/// Which silences each tab lists. "Awaiting approval": not expired, not approved, and either holding back a firing
/// customer-impact alert now or written for the customer label itself — the silences a second person must look at.
/// Every other silence could in principle cover a customer alert later; the rule still holds it back then.
/// </summary>
public static class SilenceTabs
{
    public const int Limit = 200;

    public static SilenceTab Parse(string? tab) => tab switch
    {
        "approval" => SilenceTab.Approval,
        "pending" => SilenceTab.Pending,
        "expired" => SilenceTab.Expired,
        _ => SilenceTab.Active,
    };

    public static string Name(SilenceTab tab) => tab.ToString().ToLowerInvariant();

    public static IReadOnlyList<Silence> Select(SilenceTab tab, IReadOnlyList<Silence> all, IEnumerable<Alert> alerts, CustomerImpactLabel customer, DateTimeOffset now)
    {
        IEnumerable<Silence> selected = tab switch
        {
            SilenceTab.Approval => AwaitingApproval(all, alerts, customer, now),
            SilenceTab.Pending => all.Where(s => SilenceRules.StateAt(s, now) == SilenceState.Pending).OrderBy(s => s.StartsAt),
            SilenceTab.Expired => all.Where(s => SilenceRules.StateAt(s, now) == SilenceState.Expired).OrderByDescending(s => s.EndsAt),
            _ => all.Where(s => SilenceRules.StateAt(s, now) == SilenceState.Active).OrderBy(s => s.EndsAt),
        };
        return [.. selected.Take(Limit)];
    }

    /// <summary>The silences awaiting a second person's approval, oldest first (the Now page lists them too).</summary>
    public static IReadOnlyList<Silence> AwaitingApproval(IReadOnlyList<Silence> all, IEnumerable<Alert> alerts, CustomerImpactLabel customer, DateTimeOffset now)
    {
        var candidates = all.Where(s => !s.IsApproved && SilenceRules.StateAt(s, now) != SilenceState.Expired).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }
        var waiting = new HashSet<string>(candidates.Where(s => s.Matchers.Any(m => m.Name == customer.Name && m.IsEqual && m.Matches(customer.Value))).Select(s => s.Id),
            StringComparer.Ordinal);
        var open = candidates.Where(s => !waiting.Contains(s.Id) && SilenceRules.StateAt(s, now) == SilenceState.Active).ToList();
        if (open.Count > 0)
        {
            foreach (var alert in alerts)
            {
                if (!customer.IsOn(alert.Labels) || !alert.IsFiringAt(now))
                {
                    continue;
                }
                for (var i = open.Count - 1; i >= 0; i--)
                {
                    if (SilenceRules.Matches(open[i], alert.Labels))
                    {
                        waiting.Add(open[i].Id);
                        open.RemoveAt(i);
                    }
                }
                if (open.Count == 0)
                {
                    break;
                }
            }
        }
        return [.. candidates.Where(s => waiting.Contains(s.Id)).OrderBy(s => s.UpdatedAt)];
    }

    /// <summary>How many firing alerts each silence mutes now, and holds back for want of approval, in one pass over the alerts.</summary>
    public static Dictionary<string, (int Muted, int HeldBack)> MutedCounts(IReadOnlyList<Silence> silences, IEnumerable<Alert> alerts, CustomerImpactLabel customer, DateTimeOffset now)
    {
        var counts = silences.ToDictionary(s => s.Id, _ => (Muted: 0, HeldBack: 0), StringComparer.Ordinal);
        var active = silences.Where(s => SilenceRules.StateAt(s, now) == SilenceState.Active).ToList();
        if (active.Count == 0)
        {
            return counts;
        }
        foreach (var alert in alerts)
        {
            if (!alert.IsFiringAt(now))
            {
                continue;
            }
            foreach (var s in active)
            {
                if (SilenceRules.Mutes(s, alert.Labels, now, customer))
                {
                    counts[s.Id] = counts[s.Id] with { Muted = counts[s.Id].Muted + 1 };
                }
                else if (SilenceRules.HoldsBack(s, alert.Labels, now, customer))
                {
                    counts[s.Id] = counts[s.Id] with { HeldBack = counts[s.Id].HeldBack + 1 };
                }
            }
        }
        return counts;
    }
}
