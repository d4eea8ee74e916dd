using Vigil.Server.Config;
using Vigil.Server.Labels;
using Vigil.Server.PagerDutyApi;

namespace Vigil.Server.Escalation;

/// <summary>
/// A PagerDuty routing key mapped to <c>{policy: P}</c> labels its alerts <c>vigil_policy=P</c>; these built-in
/// routes (first under the root, without continue) send such alerts to a built-in receiver <c>vigil-policy/P</c>
/// that pages P, grouped by key group and dedup key (one page per dedup key and key), so the alerts still pass
/// silences and maintenance windows.
/// </summary>
internal static class PolicyRoutes
{
    public const string PolicyLabel = "vigil_policy";

    public static string ReceiverName(string policy) => "vigil-policy/" + policy;

    public static IReadOnlyList<ReceiverConfig> AddReceivers(IReadOnlyList<ReceiverConfig> receivers, PagerDutyOptions pagerDuty) =>
        [.. receivers, .. Policies(pagerDuty).Select(p => new ReceiverConfig { Name = ReceiverName(p), VigilConfigs = [new VigilPageConfig(p)] })];

    public static RouteConfig AddRoutes(RouteConfig root, PagerDutyOptions pagerDuty)
    {
        var added = Policies(pagerDuty).Select(p => new RouteConfig
        {
            Receiver = ReceiverName(p),
            Matchers = [Matcher.Equal(PolicyLabel, p)],
            GroupBy = [PolicyLabel, RoutingKeyGroups.Label, "dedup_key"],
            GroupWait = TimeSpan.Zero,
        }).ToList();
        return added.Count == 0 ? root : root with { Routes = [.. added, .. root.Routes] };
    }

    private static IEnumerable<string> Policies(PagerDutyOptions pagerDuty) =>
        pagerDuty.RoutingKeys.Values.Select(t => t.Policy).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}
