using Vigil.Server.Maintenance;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>Windows for rule tests, built through the same validation as the API.</summary>
internal static class TestWindows
{
    public static readonly DateTimeOffset Now = new(2026, 5, 10, 22, 30, 0, TimeSpan.Zero);

    public static MaintenanceWindow Build(WindowDraft draft, DateTimeOffset? now = null)
    {
        var (window, error) = WindowBuilder.Build(draft, "w1", new MaintenanceOptions(), now ?? Now, mustEndInFuture: false);
        Assert.Null(error);
        return window!;
    }

    public static WindowDraft OneOff(string start, string end, string target = "host=\"lb-1\"", string expected = "alertname=\"HostDown\"") => new()
    {
        Targets = [target],
        Expected = [expected],
        Start = start,
        End = end,
        Watcher = "alice",
        Backup = "bob",
        Announcement = "patching lb-1",
    };

    public static WindowDraft Recurring(string cron, string duration, string zone, string? start = null) => new()
    {
        Targets = ["host=~\"lb-.*\""],
        Expected = ["alertname=~\"HostDown|HostRebooting\""],
        Cron = cron,
        Duration = duration,
        TimeZone = zone,
        Start = start ?? "2026-01-01T00:00:00Z",
        Watcher = "alice",
        Backup = "bob",
    };
}
