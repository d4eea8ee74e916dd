using Vigil.Server.Config;
using Vigil.Server.Oncall;

namespace Vigil.Server.Tests.Oncall;

/// <summary><c>people:</c>, <c>teams:</c>, <c>schedules:</c> and <c>oncall:</c>: what loads, and errors that name file, line and key.</summary>
public sealed class OnCallConfigTests
{
    private const string Head = """
        route:
          receiver: ops
        receivers:
          - name: ops
        people:
          - name: alice
            email: alice@example.com
          - name: bob
        """;

    [Fact]
    public void People_Teams_Schedules_Load()
    {
        var config = ConfigLoader.Load(OnCallConfigs.Schedules(), "vigil.yaml").Oncall;
        var alice = config.People["alice"];
        Assert.Equal("America/Los_Angeles", alice.TimeZone);
        Assert.Equal([ContactKind.Email, ContactKind.Slack, ContactKind.Webhook], alice.ContactMethods.Select(m => m.Kind));
        Assert.Equal([new NotificationRule(ContactKind.Slack, TimeSpan.Zero), new NotificationRule(ContactKind.Email, TimeSpan.FromMinutes(5))], alice.NotificationRules);
        Assert.Equal("UTC", config.People["carol"].TimeZone);
        Assert.Equal(["alice", "bob", "carol"], config.Teams["sre"].Members);
        var berlin = config.FindSchedule("berlin")!;
        Assert.Equal("days", berlin.Layers[0].Name);
        Assert.Equal("daily 06:00-02:00", berlin.Layers[0].Restrictions[0].ToString());
        Assert.Null(config.GapWarning);
    }

    [Theory]
    [InlineData("teams:\n  - name: sre\n    members: [alice, zed]", 11, "teams[0].members[1]", "unknown person \"zed\" (not in people:)")]
    [InlineData("people:\n  - name: carol\n    time_zone: Mars/Olympus", 0, "", "")]
    [InlineData("schedules:\n  - name: s\n    time_zone: Europe/Berln\n    layers: []", 11, "schedules[0].time_zone", "unknown IANA time zone \"Europe/Berln\" (e.g. Europe/Berlin, America/Los_Angeles, UTC)")]
    [InlineData("schedules:\n  - name: s\n    layers:\n      - {members: [alice], rotation: 3x, start: 2027-01-01}", 12, "schedules[0].layers[0].rotation", "not a rotation length: \"3x\" (a whole number of h, d or w, e.g. 12h, 1d, 1w)")]
    [InlineData("schedules:\n  - name: s\n    layers:\n      - {members: [alice], rotation: 1d, start: 2027-01-01, handoff: \"25:00\"}", 12, "schedules[0].layers[0].handoff", "not a time of day: \"25:00\" (HH:MM, 24-hour)")]
    [InlineData("schedules:\n  - name: s\n    layers:\n      - {members: [alice], rotation: 1d, start: 2027-01-01, restrictions: [{weekly: \"Mon 09:00-Fry 17:00\"}]}", 12, "schedules[0].layers[0].restrictions[0].weekly", "not a day and time: \"Fry 17:00\" (e.g. Mon 09:00)")]
    [InlineData("schedules:\n  - name: s\n    layers:\n      - {members: [alice], rotation: 1d, start: 2027-01-01}\n    overrides:\n      - {person: nobody, from: 2027-01-01T00:00:00Z, to: 2027-01-02T00:00:00Z}", 14, "schedules[0].overrides[0].person", "unknown person \"nobody\" (not in people:)")]
    [InlineData("oncall:\n  gap_warning: {receiver: pager}", 10, "oncall.gap_warning.receiver", "undefined receiver \"pager\"")]
    public void InvalidOnCallConfig_NamesFileLineAndKey(string extra, int line, string key, string reason)
    {
        if (line == 0)
        {
            // A second people: section is a YAML error; put the bad zone on the first one instead.
            var bad = Head.Replace("email: alice@example.com", "email: alice@example.com\n    time_zone: Mars/Olympus", StringComparison.Ordinal);
            var zoneError = Assert.Throws<ConfigException>(() => ConfigLoader.Load(bad, "vigil.yaml"));
            Assert.Equal("vigil.yaml:8: people[0].time_zone: unknown IANA time zone \"Mars/Olympus\" (e.g. Europe/Berlin, America/Los_Angeles, UTC)", zoneError.Message);
            return;
        }
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Head + "\n" + extra, "vigil.yaml"));
        Assert.Equal($"vigil.yaml:{line}: {key}: {reason}", e.Message);
    }

    [Theory]
    [InlineData("contact_methods: [{type: slack, url: \"ftp://x/y\"}]", "people[0].contact_methods[0].url: unsupported scheme \"ftp\" for URL")]
    [InlineData("contact_methods: [{type: pager, url: \"https://x/y\"}]", "people[0].contact_methods[0].type: unknown contact method \"pager\" (email, slack or webhook)")]
    [InlineData("notification_rules: [{method: slack, after: 0m}]", "people[0].notification_rules[0].method: alice has no slack contact method")]
    public void InvalidPerson_IsRefused(string line, string expected)
    {
        var yaml = Head.Replace("email: alice@example.com", "email: alice@example.com\n    " + line, StringComparison.Ordinal);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(yaml, "vigil.yaml"));
        Assert.EndsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadEmail_IsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Head.Replace("alice@example.com", "alice.example.com", StringComparison.Ordinal), "vigil.yaml"));
        Assert.Equal("vigil.yaml:7: people[0].email: not an email address: \"alice.example.com\"", e.Message);
    }

    [Fact]
    public void GapWarning_Defaults()
    {
        var config = ConfigLoader.Load(Head + "\noncall:\n  gap_warning: {receiver: ops}", "vigil.yaml").Oncall;
        Assert.Equal(new GapWarningOptions { Receiver = "ops", Horizon = TimeSpan.FromDays(7), Interval = TimeSpan.FromHours(1) }, config.GapWarning);
    }
}
