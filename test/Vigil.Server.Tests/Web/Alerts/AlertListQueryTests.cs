using Vigil.Server.Alerts;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;
using Vigil.Server.Web.Alerts;

namespace Vigil.Server.Tests.Web.Alerts;

public sealed class AlertListQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 3)]
    [InlineData(2, 3)]
    [InlineData(500, 1)]
    [InlineData(500, 25)]
    [InlineData(500, 499)]
    public void FirstRows_AreTheAlertsAFullSortPutsFirst_InTheSameOrder(int alerts, int count)
    {
        var random = new Random(alerts + count);
        var list = Enumerable.Range(0, alerts).Select(_ => new Alert(
            LabelSet.Of(("alertname", "A"), ("instance", "web-" + random.Next(100)), ("job", random.Next(3) == 0 ? "api" : "node"), ("n", random.Next(1000).ToString("D4"))),
            AnnotationSet.Empty, Now, Now.AddHours(1), "", Now, false)).ToList();
        var expected = list.Order(AlertOrder.Instance).Take(count).Select(a => a.Fingerprint).ToList();

        var first = AlertListQuery.First([.. list], count);

        Assert.Equal(expected, first.Select(a => a.Fingerprint).ToList());
    }

    [Theory]
    [InlineData(ShownStates.All, false, false, false, true)]
    [InlineData(ShownStates.Active, false, false, false, true)]
    [InlineData(ShownStates.Silenced, false, false, false, false)]
    [InlineData(ShownStates.Silenced, true, false, false, true)]
    [InlineData(ShownStates.Silenced, true, true, false, false)]
    [InlineData(ShownStates.Silenced | ShownStates.Inhibited, true, true, false, true)]
    [InlineData(ShownStates.Active | ShownStates.Silenced, false, false, true, false)]
    [InlineData(ShownStates.Muted, false, false, true, true)]
    public void StateToggles_FollowAlertmanager_AnAlertMutedTwiceShowsOnlyWhenBothStatesAre(ShownStates show, bool silenced, bool inhibited, bool window, bool shown)
    {
        var status = new AlertStatus(["ops"], inhibited ? ["0000000000000001"] : [], silenced ? ["s"] : [], window ? ["w"] : null);
        Assert.Equal(shown, AlertListQuery.Shows(show, status));
    }
}
