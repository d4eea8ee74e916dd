using Vigil.Server.Config;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>The <c>maintenance:</c> section: defaults, windows, and errors naming line and key.</summary>
public sealed class MaintenanceConfigTests
{
    // Five lines; cases append from line 6 on.
    private const string Base = "route:\n  receiver: ops\nreceivers:\n  - name: ops\nmaintenance:\n";

    private const string Window = "    - targets: ['host=\"lb-1\"']\n      expected: ['alertname=\"HostDown\"']\n      watcher: alice\n      backup: bob\n";

    [Fact]
    public void Section_IsOptional_WithDocumentedDefaults()
    {
        var options = ConfigLoader.Load("route:\n  receiver: a\nreceivers:\n  - name: a\n", "vigil.yaml").Maintenance;
        Assert.Null(options.Receiver);
        Assert.Equal((TimeSpan.FromMinutes(15), TimeSpan.FromHours(12), TimeSpan.FromDays(30)), (options.WarnBeforeEnd, options.MaxLength, options.Retention));
        Assert.Empty(options.Windows);
    }

    [Fact]
    public void Windows_AreRead_WithStableIds()
    {
        var yaml = Base + "  receiver: ops\n  warn_before_end: 10m\n  windows:\n" + Window + "      cron: '0 2 * * SUN'\n      duration: 2h\n      time_zone: Europe/Berlin\n" +
            "    - id: one-off\n      targets: ['host=\"db-1\"']\n      expected: ['alertname=\"HostDown\"']\n      watcher: carol\n      backup: dan\n      start: 2026-05-10T22:30:00Z\n      end: 2026-05-11T02:30:00Z\n";
        var first = ConfigLoader.Load(yaml, "vigil.yaml").Maintenance;
        var again = ConfigLoader.Load(yaml, "vigil.yaml").Maintenance;
        Assert.Equal("ops", first.Receiver);
        Assert.Equal(TimeSpan.FromMinutes(10), first.WarnBeforeEnd);
        Assert.Equal(2, first.Windows.Count);
        Assert.StartsWith("cfg-", first.Windows[0].Id, StringComparison.Ordinal);
        Assert.Equal(first.Windows[0].Id, again.Windows[0].Id);
        Assert.Equal("Europe/Berlin", first.Windows[0].TimeZone);
        Assert.Equal("one-off", first.Windows[1].Id);
        Assert.Equal("config", first.Windows[1].Source);
    }

    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        { "unknown receiver", Base + "  receiver: pager\n", 6, "maintenance.receiver", "undefined receiver \"pager\"" },
        { "unknown key", Base + "  warn_before: 5m\n", 6, "maintenance.warn_before", "unknown key" },
        { "bad duration", Base + "  max_length: 12 hours\n", 6, "maintenance.max_length", "not a valid duration string" },
        { "missing watcher", Base + "  windows:\n    - targets: ['host=\"lb-1\"']\n      expected: ['alertname=\"HostDown\"']\n      backup: bob\n      start: 2026-05-10T22:30:00Z\n      end: 2026-05-11T02:30:00Z\n", 7, "maintenance.windows[0]", "watcher: required" },
        { "bad target", Base + "  windows:\n    - targets: ['host=\"lb-1\"', 'host~lb']\n      expected: ['alertname=\"HostDown\"']\n", 7, "maintenance.windows[0].targets[1]", "bad matcher format" },
        { "lookbehind in a target", Base + "  windows:\n    - targets: ['host=~\"(?<=x)lb\"']\n      expected: ['alertname=\"HostDown\"']\n", 7, "maintenance.windows[0].targets[0]", "invalid or unsupported Perl syntax: `(?<`" },
        { "bad zone", Base + "  windows:\n" + Window + "      cron: '0 2 * * SUN'\n      duration: 2h\n      time_zone: Mars/Olympus\n", 13, "maintenance.windows[0].time_zone", "unknown IANA time zone" },
        { "too long", Base + "  max_length: 1h\n  windows:\n" + Window + "      start: 2026-05-10T22:30:00Z\n      end: 2026-05-11T02:30:00Z\n", 13, "maintenance.windows[0].end", "the maximum is 1h" },
        { "max_length beyond a year", Base + "  max_length: 400d\n", 6, "maintenance.max_length", "400d is out of range; it must be from 1s to 365d" },
        { "start in year 9999", Base + "  windows:\n" + Window + "      start: 9999-12-31T23:59:59Z\n      duration: 1h\n", 11, "maintenance.windows[0].start", "9999-12-31T23:59:59Z is out of range" },
        { "duration 10000y", Base + "  windows:\n" + Window + "      start: 2026-05-10T22:30:00Z\n      duration: 10000y\n", 12, "maintenance.windows[0].duration", "not a valid duration: \"10000y\"" },
        { "cron never fires", Base + "  windows:\n" + Window + "      cron: '0 0 31 2 *'\n      duration: 2h\n      time_zone: UTC\n", 11, "maintenance.windows[0].cron", "it never fires" },
        { "start now", Base + "  windows:\n" + Window + "      start: now\n      end: 2026-05-11T02:30:00Z\n", 11, "maintenance.windows[0].start", "\"now\" is not allowed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InvalidSection_NamesLineAndKey(string name, string yaml, int line, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(yaml, "vigil.yaml"));
        Assert.True((line, key) == (e.Line, e.Key), $"{name}: got {e.Message}");
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }
}
