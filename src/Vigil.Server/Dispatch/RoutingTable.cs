using Vigil.Server.Config;
using Vigil.Server.Inhibition;
using Vigil.Server.Labels;

namespace Vigil.Server.Dispatch;

/// <summary>The parts of one configuration the alert path consults: route tree, inhibitor, time intervals.
/// Immutable; a reload builds a new one.</summary>
public sealed class RoutingTable
{
    public RoutingTable(VigilConfig config)
    {
        Config = config;
        Root = RouteNode.Build(config.Route);
        Inhibitor = new Inhibitor(config.InhibitRules);
    }

    public VigilConfig Config { get; }

    public RouteNode Root { get; }

    public Inhibitor Inhibitor { get; }

    /// <summary>The receivers an alert with these labels goes to, in route order, without repeats.</summary>
    public IReadOnlyList<string> ReceiversFor(LabelSet labels) => ReceiversFor(labels, []);

    /// <summary><see cref="ReceiversFor(LabelSet)"/> matching into <paramref name="scratch"/> (cleared first), so a caller
    /// resolving many alerts allocates nothing when an alert matches one route (the usual case).</summary>
    public IReadOnlyList<string> ReceiversFor(LabelSet labels, List<RouteNode> scratch)
    {
        scratch.Clear();
        Root.MatchInto(labels, scratch);
        var routes = scratch;
        if (routes.Count == 1)
        {
            return routes[0].ReceiverAlone;
        }
        var names = new List<string>(routes.Count);
        foreach (var r in routes)
        {
            if (!names.Contains(r.Receiver))
            {
                names.Add(r.Receiver);
            }
        }
        return names;
    }

    public bool IsTimeMuted(RouteNode route, DateTimeOffset now) => RouteTiming.IsMuted(route, Config.TimeIntervals, now);
}
