namespace Vigil.Drill.Notify;

/// <summary>Runs a drill file through a <see cref="NotificationSimulator"/> from its start to its end and checks its expectations.</summary>
internal static class NotifyDrillRunner
{
    public static NotifyDrillResult Run(NotifyDrill drill)
    {
        var simulator = new NotificationSimulator(drill.Config, drill.Start);
        foreach (var silence in drill.Silences)
        {
            simulator.AddSilence(silence);
        }
        foreach (var window in drill.Windows)
        {
            simulator.AddWindow(window);
        }
        foreach (var (at, alerts) in SenderSchedule.Posts(drill))
        {
            simulator.Post(alerts, at);
        }
        var output = simulator.AdvanceTo(drill.End);
        var checks = drill.Expectations.Select(e => ExpectationCheck.Check(e, output.Notifications, drill.Start)).ToList();
        return new NotifyDrillResult(drill, output.Notifications, output.HeldBack, checks);
    }
}
