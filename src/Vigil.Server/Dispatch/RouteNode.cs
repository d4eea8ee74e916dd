using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Dispatch;

/// <summary>
/// A node of the built routing tree with its effective options, as Alertmanager 0.25's dispatch.Route.
/// Receiver, group_by, group_wait, group_interval and repeat_interval inherit from the parent; the root's
/// defaults are 30s, 5m and 4h. Mute and active time interval names do <em>not</em> inherit (Alertmanager
/// 0.25 copies them from the node's own config only).
/// </summary>
public sealed class RouteNode
{
    /// <summary>Alertmanager's DefaultRouteOpts.GroupWait: 30s.</summary>
    public static readonly TimeSpan DefaultGroupWait = TimeSpan.FromSeconds(30);

    /// <summary>Alertmanager's DefaultRouteOpts.GroupInterval: 5m.</summary>
    public static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(5);

    /// <summary>Alertmanager's DefaultRouteOpts.RepeatInterval: 4h.</summary>
    public static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);

    private readonly List<RouteNode> _routes = [];

    private RouteNode(RouteConfig config, RouteNode? parent, int index)
    {
        Parent = parent;
        Index = index;
        Receiver = !string.IsNullOrEmpty(config.Receiver) ? config.Receiver : parent?.Receiver ?? "";
        ReceiverAlone = [Receiver];

        // An empty group_by list unmarshals to a nil slice in Alertmanager, which inherits.
        if (config.GroupBy is { Count: > 0 })
        {
            GroupBy = new SortedSet<string>(config.GroupBy, StringComparer.Ordinal);
            GroupByAll = false;
        }
        else
        {
            GroupBy = parent?.GroupBy ?? new SortedSet<string>(StringComparer.Ordinal);
            GroupByAll = config.GroupByAll || (parent?.GroupByAll ?? false);
        }

        GroupWait = config.GroupWait ?? parent?.GroupWait ?? DefaultGroupWait;
        GroupInterval = config.GroupInterval ?? parent?.GroupInterval ?? DefaultGroupInterval;
        RepeatInterval = config.RepeatInterval ?? parent?.RepeatInterval ?? DefaultRepeatInterval;

        var matchers = config.Matchers.ToList();
        matchers.Sort(Matcher.Compare);
        Matchers = matchers;
        Continue = config.Continue;
        MuteTimeIntervals = config.MuteTimeIntervals;
        ActiveTimeIntervals = config.ActiveTimeIntervals;

        var matchersText = Matcher.ListToString(Matchers);
        Key = parent is null ? matchersText : parent.Key + "/" + matchersText;
        Id = parent is null ? matchersText : parent.Id + "/" + matchersText + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

        for (var i = 0; i < config.Routes.Count; i++)
        {
            _routes.Add(new RouteNode(config.Routes[i], this, i));
        }
    }

    public RouteNode? Parent { get; }

    /// <summary>Position among the parent's children; 0 for the root.</summary>
    public int Index { get; }

    public string Receiver { get; }

    /// <summary><see cref="Receiver"/> as a one-item list, shared by every alert routed here alone.</summary>
    public IReadOnlyList<string> ReceiverAlone { get; }

    /// <summary>Label names to group by (ordinal order). Ignored when <see cref="GroupByAll"/>.</summary>
    public IReadOnlySet<string> GroupBy { get; }

    public bool GroupByAll { get; }

    public TimeSpan GroupWait { get; }

    public TimeSpan GroupInterval { get; }

    public TimeSpan RepeatInterval { get; }

    /// <summary>The node's own matchers, sorted as Alertmanager sorts them (name, value, type).</summary>
    public IReadOnlyList<Matcher> Matchers { get; }

    public bool Continue { get; }

    public IReadOnlyList<string> MuteTimeIntervals { get; }

    public IReadOnlyList<string> ActiveTimeIntervals { get; }

    public IReadOnlyList<RouteNode> Routes => _routes;

    /// <summary>
    /// Alertmanager's Route.Key(): the parent's key, "/", and this node's matchers (<c>{}/{severity="critical"}</c>).
    /// Not unique: siblings with equal matchers share it. It is the first part of the group key.
    /// </summary>
    public string Key { get; }

    /// <summary>
    /// Newer Alertmanager's Route.ID(): like <see cref="Key"/> with each non-root node's sibling position
    /// appended (<c>{}/{a="b"}/0</c>). Unique within a tree; use it to key aggregation groups per route.
    /// </summary>
    public string Id { get; }

    public static RouteNode Build(RouteConfig root) => new(root, null, 0);

    /// <summary>
    /// Depth-first, left-to-right: the deepest matching nodes. A matching child stops the search at its level
    /// unless it has <c>continue</c>; a node none of whose children match is itself the match.
    /// Empty when this node's own matchers do not match.
    /// </summary>
    public IReadOnlyList<RouteNode> Match(LabelSet labels)
    {
        var result = new List<RouteNode>();
        MatchInto(labels, result);
        return result;
    }

    /// <summary>This node and all its descendants, depth-first.</summary>
    public IEnumerable<RouteNode> Walk()
    {
        yield return this;
        foreach (var child in _routes)
        {
            foreach (var n in child.Walk())
            {
                yield return n;
            }
        }
    }

    public override string ToString() => Id;

    /// <summary><see cref="Match"/> appending to <paramref name="result"/>; false when this node's own matchers do not match.</summary>
    public bool MatchInto(LabelSet labels, List<RouteNode> result)
    {
        if (!Matcher.All(Matchers, labels))
        {
            return false;
        }
        var before = result.Count;
        foreach (var child in _routes)
        {
            if (child.MatchInto(labels, result) && !child.Continue)
            {
                break;
            }
        }
        if (result.Count == before)
        {
            result.Add(this);
        }
        return true;
    }
}
