using System.Text.Json.Nodes;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;
using Vigil.Server.Notify.Webhook;
using Vigil.Server.Storage;
using static Vigil.Server.Tests.Dispatch.TestAlerts;

namespace Vigil.Server.Tests.Dispatch;

public sealed class ResolutionCarryOverTests
{
    private static readonly RouteNode Route = RouteNode.Build(new RouteConfig { Receiver = "team", GroupBy = ["alertname"] });
    private static readonly Alert One = Firing(T0, ("alertname", "A"), ("i", "1"));
    private static readonly Alert Two = Firing(T0, ("alertname", "A"), ("i", "2"));
    private static readonly Alert Three = Firing(T0, ("alertname", "A"), ("i", "3"));
    private static readonly Alert Four = Firing(T0, ("alertname", "A"), ("i", "4"));

    /// <summary>The webhook a flush of a group holding <paramref name="alerts"/> at <paramref name="at"/> sends.</summary>
    private static PlannedWebhook Planned(DateTimeOffset at, int maxAlerts, params Alert[] alerts)
    {
        var group = new AggregationGroup(Route, LabelSet.Of(("alertname", "A")), T0);
        foreach (var a in alerts)
        {
            group.Insert(a, at);
        }
        var flush = group.Flush(at);
        var decision = NotificationPlanner.Plan(flush, _ => false, 0, sendResolved: true, maxAlerts, previous: null, at);
        var body = WebhookMessage.Build(flush, decision, "http://vigil", at);
        return new PlannedWebhook(new OutboxMessage("team", 0, "http://hook", flush.GroupKey, body, at), flush, decision, maxAlerts, "http://vigil");
    }

    private static List<string> Shown(byte[] payload) =>
        JsonNode.Parse(payload)!["alerts"]!.AsArray().Select(a => $"{a!["labels"]!["i"]}:{a["status"]}").ToList();

    [Fact]
    public void ResolutionsTheGroupNoLongerHolds_AreCarriedOver_AndTheRestIsUnchanged()
    {
        // Earlier: 1 resolved (then left the group), 2 firing. Now: 2 resolved, 3 firing.
        var earlier = Planned(T0.AddMinutes(1), 0, Resolved(One, T0.AddSeconds(30)), Two).Message.Payload;
        var now = Planned(T0.AddMinutes(2), 0, Resolved(Two, T0.AddSeconds(90)), Three);

        var payload = ResolutionCarryOver.Apply(now, [earlier]);

        Assert.NotNull(payload);
        Assert.Equal(["1:resolved", "2:resolved", "3:firing"], Shown(payload));
        var message = JsonNode.Parse(payload)!;
        Assert.Equal("firing", message["status"]!.ToString());
        var carried = message["alerts"]![0]!;
        Assert.Equal((GoJsonTime(T0), GoJsonTime(T0.AddSeconds(30))), (carried["startsAt"]!.ToString(), carried["endsAt"]!.ToString()));
        Assert.Equal(One.Fingerprint.ToString(), carried["fingerprint"]!.ToString());
    }

    [Fact]
    public void NothingToCarry_WhenTheSupersededOnesHeldNoResolutionTheGroupLacks()
    {
        var earlier = Planned(T0.AddMinutes(1), 0, One, Two).Message.Payload;
        var now = Planned(T0.AddMinutes(2), 0, Resolved(One, T0.AddSeconds(90)), Two);

        Assert.Null(ResolutionCarryOver.Apply(now, [earlier]));
        Assert.Null(ResolutionCarryOver.Apply(now, ["not json"u8.ToArray()]));
    }

    [Fact]
    public void BeyondMaxAlerts_CarriedResolutionsAreCountedAsTruncated()
    {
        var earlier = Planned(T0.AddMinutes(1), 0, Resolved(One, T0.AddSeconds(30)), Resolved(Two, T0.AddSeconds(30)), Three).Message.Payload;
        var now = Planned(T0.AddMinutes(2), 3, Three, Four);

        var payload = ResolutionCarryOver.Apply(now, [earlier]);

        Assert.NotNull(payload);
        Assert.Equal(["1:resolved", "3:firing", "4:firing"], Shown(payload));
        Assert.Equal(1, (int)JsonNode.Parse(payload)!["truncatedAlerts"]!);
    }

    private static string GoJsonTime(DateTimeOffset t) => t.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
