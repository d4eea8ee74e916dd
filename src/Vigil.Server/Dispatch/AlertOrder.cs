using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Alertmanager's types.AlertSlice order, used for every notification: by <c>job</c>, then <c>instance</c>
/// (alerts having the label first), then by prometheus/common's LabelSet.Before (fewer labels first, then the
/// first differing label in name order; a set missing that name sorts first).
/// </summary>
public sealed class AlertOrder : IComparer<Alert>
{
    public static readonly AlertOrder Instance = new();

    private static readonly string[] OverrideKeys = ["job", "instance"];

    public int Compare(Alert? x, Alert? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        return CompareLabels(x.Labels, y.Labels);
    }

    public static int CompareLabels(LabelSet a, LabelSet b)
    {
        foreach (var key in OverrideKeys)
        {
            var av = a.Get(key);
            var bv = b.Get(key);
            if (av is null && bv is null)
            {
                continue;
            }
            if (av is null)
            {
                return 1;
            }
            if (bv is null)
            {
                return -1;
            }
            var c = string.CompareOrdinal(av, bv);
            if (c != 0)
            {
                return c < 0 ? -1 : 1;
            }
        }
        return Before(a, b);
    }

    /// <summary>LabelSet.Before as a three-way comparison.</summary>
    private static int Before(LabelSet a, LabelSet b)
    {
        if (a.Count != b.Count)
        {
            return a.Count < b.Count ? -1 : 1;
        }
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var an = a[i].Key;
            var bn = b[j].Key;
            var names = string.CompareOrdinal(an, bn);
            if (names > 0)
            {
                return -1; // a lacks bn, the smallest name not yet compared
            }
            if (names < 0)
            {
                return 1; // b lacks an
            }
            var values = string.CompareOrdinal(a[i].Value, b[j].Value);
            if (values != 0)
            {
                return values < 0 ? -1 : 1;
            }
            i++;
            j++;
        }
        return 0;
    }
}
