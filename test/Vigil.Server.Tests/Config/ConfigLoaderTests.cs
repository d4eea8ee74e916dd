using NodaTime;
using Vigil.Server.Config;
using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;

namespace Vigil.Server.Tests.Config;

public sealed class ConfigLoaderTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Config", "Fixtures", "alertmanager.yml");

    [Fact]
    public void RealisticAlertmanagerConfig_LoadsWithRoutesReceiversInhibitRulesAndIntervals()
    {
        var config = ConfigLoader.LoadFile(FixturePath);

        Assert.Equal(TimeSpan.FromMinutes(10), config.Global.ResolveTimeout);
        Assert.Equal(FixturePath, config.Source);
        Assert.Equal(File.ReadAllText(FixturePath), config.Original);

        var root = config.Route;
        Assert.Equal("default", root.Receiver);
        Assert.Equal(["alertname", "cluster", "service"], root.GroupBy);
        Assert.Equal(TimeSpan.FromSeconds(30), root.GroupWait);
        Assert.Equal(TimeSpan.FromHours(3), root.RepeatInterval);
        Assert.Equal(3, root.Routes.Count);

        var dba = root.Routes[0];
        Assert.True(dba.Continue);
        Assert.Equal(TimeSpan.FromSeconds(10), dba.GroupWait);
        Assert.Null(dba.GroupBy);
        Assert.Equal("{env!=\"staging\",severity=~\"critical|page\",team=\"database\"}", Matcher.ListToString(dba.Matchers));
        var mysql = Assert.Single(dba.Routes);
        Assert.True(mysql.GroupByAll);
        Assert.Null(mysql.GroupBy);
        Assert.Equal(["weekends"], mysql.MuteTimeIntervals);
        Assert.Equal("{service=\"mysql\"}", Matcher.ListToString(mysql.Matchers));

        var teamX = root.Routes[1];
        Assert.Equal(TimeSpan.FromDays(1), teamX.RepeatInterval);
        Assert.Equal(["business-hours"], teamX.ActiveTimeIntervals);
        var regex = Assert.Single(teamX.Matchers);
        Assert.Equal(MatchType.Regex, regex.Type);
        Assert.True(regex.Matches("foo2"));
        Assert.False(regex.Matches("foo3"));

        Assert.Equal(6, config.Receivers.Count);
        var pager = Assert.Single(config.FindReceiver("dba-pager")!.WebhookConfigs);
        Assert.Equal(new Uri("https://pager.example.com/hooks/dba"), pager.Url);
        Assert.False(pager.SendResolved);
        Assert.Equal(10, pager.MaxAlerts);
        var plain = Assert.Single(config.FindReceiver("default")!.WebhookConfigs);
        Assert.True(plain.SendResolved);
        Assert.Equal(0, plain.MaxAlerts);
        Assert.Empty(config.FindReceiver("frontend")!.WebhookConfigs);

        Assert.Equal(2, config.InhibitRules.Count);
        Assert.Equal(["alertname", "cluster", "service"], config.InhibitRules[0].Equal);
        Assert.Equal("{alertname=\"NodeDown\"}", Matcher.ListToString(config.InhibitRules[1].SourceMatchers));
        Assert.Equal(MatchType.Regex, Assert.Single(config.InhibitRules[1].TargetMatchers).Type);

        Assert.Equal(["business-hours", "maintenance-window", "weekends"], config.TimeIntervals.Keys.Order());
        var business = Assert.Single(config.TimeIntervals["business-hours"].Intervals);
        Assert.Equal("Europe/Berlin", business.Location.Id);
        Assert.Equal([new IntRange(1, 5)], business.Weekdays);
        Assert.Equal([new MinuteRange(540, 1050)], business.Times);
        var maintenance = Assert.Single(config.TimeIntervals["maintenance-window"].Intervals);
        Assert.Equal([new IntRange(-3, -1), new IntRange(1, 1)], maintenance.DaysOfMonth);
        Assert.Equal([new IntRange(1, 3), new IntRange(12, 12)], maintenance.Months);
        Assert.Equal([new IntRange(2020, 2030)], maintenance.Years);
        Assert.Equal([new MinuteRange(1320, 1440)], maintenance.Times);
    }

    [Fact]
    public void YamlMergeKeys_AreExpanded_WithTheMappingsOwnKeysWinning()
    {
        var config = ConfigLoader.Load("""
            route:
              receiver: a
            receivers:
              - name: a
                webhook_configs:
                  - &hook
                    url: http://127.0.0.1:1/x
                    send_resolved: no
                    max_alerts: 5
                  - <<: *hook
                    url: http://127.0.0.1:1/y
            """, "merge.yml");

        var hooks = config.FindReceiver("a")!.WebhookConfigs.ToList();
        Assert.Equal("http://127.0.0.1:1/y", hooks[1].Url!.ToString());
        Assert.False(hooks[1].SendResolved);
        Assert.Equal(5, hooks[1].MaxAlerts);
    }

    [Fact]
    public void HttpConfigFiles_RelativeToTheConfigFilesFolder_AsAlertmanagerResolvesThem()
    {
        var folder = Directory.CreateTempSubdirectory("relative-").FullName;
        var path = Path.Combine(folder, "alertmanager.yml");
        File.WriteAllText(path, """
            route:
              receiver: a
            receivers:
              - name: a
                webhook_configs:
                  - url: http://127.0.0.1:1/x
                    http_config:
                      basic_auth: {username: u, password_file: secrets/pw}
                      tls_config: {ca_file: /etc/ssl/ca.pem}
            """);

        var hook = Assert.Single(ConfigLoader.LoadFile(path).FindReceiver("a")!.WebhookConfigs);
        Assert.Equal(Path.Combine(folder, "secrets/pw"), hook.Http.BasicAuth!.PasswordFile);
        Assert.Equal("/etc/ssl/ca.pem", hook.Http.Tls.CaFile);
    }

    [Fact]
    public void BuiltInExample_Loads()
    {
        var config = ConfigLoader.LoadBuiltInExample();

        Assert.Equal(ConfigLoader.BuiltInExampleSource, config.Source);
        Assert.Equal("default", config.Route.Receiver);
        // Its receiver notifies nobody, so a fresh start retries nothing against a listener that is not there.
        Assert.Empty(Assert.Single(config.Receivers).WebhookConfigs);
        Assert.Single(config.Route.Routes);
        Assert.Single(config.InhibitRules);
        Assert.Equal(8 * 1024 * 1024, config.Server.MaxBodyBytes);
        Assert.Contains("route:", config.Original);
        // The seed's load balancers and the plan that reboots them safely ship with it (docs/plans.md).
        Assert.Equal("lb", Assert.Single(config.Pools).Name);
        Assert.Contains(config.Plans.Definitions, p => p.Name == "reboot-lb");
    }

    [Fact]
    public void MinimalConfig_GetsAlertmanagerDefaults()
    {
        var config = ConfigLoader.Load("route:\n  receiver: a\nreceivers:\n  - name: a\n", "vigil.yaml");

        Assert.Equal(TimeSpan.FromMinutes(5), config.Global.ResolveTimeout);
        Assert.Null(config.Route.GroupBy);
        Assert.False(config.Route.GroupByAll);
        Assert.Null(config.Route.GroupWait);
        Assert.Empty(config.Route.Matchers);
        Assert.Empty(config.InhibitRules);
        Assert.Empty(config.TimeIntervals);
        Assert.Equal(new ServerSettings(), config.Server);
        Assert.Equal("vigil.yaml", config.Source);
    }

    [Fact]
    public void ServerSection_MapsToServerSettings()
    {
        var config = ConfigLoader.Load("""
            route: {receiver: a}
            receivers: [{name: a}]
            server:
              max_body_bytes: 1048576
              allow_unauthenticated_loopback_ingest: true
              external_url: https://vigil.example.com/
              durability: power_loss
              notification_retry_max_delay: 30s
            """, "vigil.yaml");

        Assert.Equal(1048576, config.Server.MaxBodyBytes);
        Assert.True(config.Server.AllowUnauthenticatedLoopbackIngest);
        Assert.Equal("https://vigil.example.com/", config.Server.ExternalUrl);
        Assert.Equal(Durability.PowerLoss, config.Server.Durability);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Server.NotificationRetryMaxDelay);
    }

    [Fact]
    public void OneMatcherString_MayHoldABracedList()
    {
        var config = ConfigLoader.Load("""
            route:
              receiver: a
              routes:
                - matchers: ['{a="1", b=~"x|y"}', c!=3]
            receivers: [{name: a}]
            """, "vigil.yaml");

        Assert.Equal("{a=\"1\",b=~\"x|y\",c!=\"3\"}", Matcher.ListToString(config.Route.Routes[0].Matchers));
    }

    [Fact]
    public void EmptyAlertmanagerSections_ForUnsupportedIntegrations_AreAccepted()
    {
        var config = ConfigLoader.Load("route: {receiver: a}\nreceivers: [{name: a, email_configs: []}]\ntemplates: []\n", "vigil.yaml");

        Assert.Single(config.Receivers);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Local")]
    [InlineData("America/New_York")]
    public void Location_AcceptsUtcLocalAndIanaZones(string location)
    {
        var config = ConfigLoader.Load($$"""
            route: {receiver: a}
            receivers: [{name: a}]
            time_intervals:
              - name: t
                time_intervals: [{location: {{location}}}]
            """, "vigil.yaml");

        var zone = Assert.Single(config.TimeIntervals["t"].Intervals).Location;
        Assert.NotNull(zone);
        if (location != "Local")
        {
            Assert.Equal(location, zone.Id);
        }
    }

    [Fact]
    public void MissingFile_IsAConfigException_NamingThePath()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile("/nonexistent/vigil.yaml"));

        Assert.Equal("/nonexistent/vigil.yaml", e.File);
        Assert.StartsWith("/nonexistent/vigil.yaml: cannot read", e.Message);
    }

    [Fact]
    public void UnknownKey_IsRejected_WithLineAndPath()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("""
            route:
              receiver: a
              routes:
                - receiver: a
                  group_wiat: 5m
            receivers:
              - name: a
            """, "vigil.yaml"));

        Assert.Equal("vigil.yaml:5: route.routes[0].group_wiat: unknown key", e.Message);
        Assert.Equal(5, e.Line);
        Assert.Equal("route.routes[0].group_wiat", e.Key);
    }

    [Fact]
    public void BadDuration_MessageReadsLikePrometheus()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("""
            route:
              receiver: a
              routes:
                - receiver: a
                  group_wait: 5x
            receivers:
              - name: a
            """, "vigil.yaml"));

        Assert.Equal("vigil.yaml:5: route.routes[0].group_wait: not a valid duration string: \"5x\"", e.Message);
    }

    [Fact]
    public void LocationInBerlin_IsStoredAsNodaZone()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var config = ConfigLoader.LoadFile(FixturePath);

        Assert.Equal(zone, config.TimeIntervals["business-hours"].Intervals[0].Location);
    }
}
