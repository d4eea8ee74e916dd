using System.Text;
using Vigil.Server.Labels;

namespace Vigil.Server.Dispatch;

/// <summary>How alerts fall into aggregation groups (Alertmanager's getGroupLabels and aggrGroup.GroupKey).</summary>
public static class Grouping
{
    /// <summary>The alert's labels named in the route's group_by (those present), or all of them with group_by '...'.</summary>
    public static LabelSet GroupLabels(RouteNode route, LabelSet labels) =>
        route.GroupByAll ? labels : labels.Only(route.GroupBy);

    /// <summary><c>GroupLabels(route, labels).Fingerprint</c> without building the group labels (the dispatcher's per-alert lookup).</summary>
    public static Fingerprint GroupFingerprint(RouteNode route, LabelSet labels) =>
        route.GroupByAll ? labels.Fingerprint : labels.FingerprintOfOnly(route.GroupBy);

    /// <summary>
    /// <c>route.Key + ":" + groupLabels</c>, the labels printed as prometheus/common v0.38's LabelSet.String():
    /// the <c>name="value"</c> strings sorted as whole strings and joined by ", " (e.g. <c>{}:{alertname="Foo"}</c>).
    /// </summary>
    public static string GroupKey(RouteNode route, LabelSet groupLabels) => route.Key + ":" + FormatLabels(groupLabels);

    /// <summary>
    /// Go's model.LabelSet.String(). It sorts the formatted pairs, not the names, so <c>a0="x"</c> precedes
    /// <c>a="y"</c> ('0' sorts before '=').
    /// </summary>
    public static string FormatLabels(LabelSet labels)
    {
        var pairs = new string[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            pairs[i] = labels[i].Key + "=" + GoQuote.Quote(labels[i].Value);
        }
        Array.Sort(pairs, StringComparer.Ordinal);
        var sb = new StringBuilder("{");
        sb.AppendJoin(", ", pairs);
        return sb.Append('}').ToString();
    }
}
