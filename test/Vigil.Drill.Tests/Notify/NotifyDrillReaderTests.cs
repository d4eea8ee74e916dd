using Vigil.Drill.Notify;
using Vigil.Server.Config;

namespace Vigil.Drill.Tests.Notify;

public sealed class NotifyDrillReaderTests
{
    [Theory]
    [InlineData("alerts:\n  - labels: {alertname: A}\n    series: \"1x3 2y\"\n", "drill.yaml:27: alerts[0].series: not a value of promtool's series notation: \"2y\"")]
    [InlineData("alerts:\n  - labels: {alertname: A}\n    firing: [{from: 0m}]\n    serie: \"1\"\n", "drill.yaml:28: alerts[0].serie: unknown key")]
    [InlineData("alerts:\n  - labels: {alertname: A}\n", "drill.yaml:26: alerts[0]: give either series")]
    [InlineData("alerts: []\nsilences:\n  - matchers: ['alertname=~\".*\"']\n    to: 1h\n    comment: all\n", "drill.yaml:27: silences[0]: silence invalid: at least one matcher must not match the empty string")]
    [InlineData("alerts: []\nsilences:\n  - matchers: ['alertname=\"A\"']\n    to: 48h\n    comment: long\n", "more than silences.max_duration (24h)")]
    [InlineData("alerts: []\nexpect:\n  - at: soon\n", "drill.yaml:27: expect[0].at: not a duration after start")]
    public void InvalidDrill_NamesFileLineAndKey(string rest, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => NotifyDrillReader.Read(Drills.Config + rest, "drill.yaml"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InlineConfigError_PointsAtTheDrillFilesLine()
    {
        var text = Drills.Config.Replace("group_wait: 30s", "group_wait: 30x", StringComparison.Ordinal) + "alerts: []\n";
        var e = Assert.Throws<ConfigException>(() => NotifyDrillReader.Read(text, "drill.yaml"));
        Assert.Equal("drill.yaml:5: config.route.group_wait: not a valid duration string: \"30x\"", e.Message);
    }

    [Fact]
    public void ConfigPath_IsLoadedRelativeToTheDrillFile_AsTheServerLoadsIt()
    {
        var dir = Directory.CreateTempSubdirectory("drill-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "am.yml"), "route: {receiver: r}\nreceivers: [{name: r, webhook_configs: [{url: 'http://x.example/'}]}]\n");
            File.WriteAllText(Path.Combine(dir, "d.yaml"), "config: am.yml\nalerts:\n  - labels: {alertname: A}\n    series: \"1x2\"\n");
            var drill = NotifyDrillReader.ReadFile(Path.Combine(dir, "d.yaml"));
            Assert.Equal("r", drill.Config.Route.Receiver);
            Assert.Equal(Drills.At("0s"), drill.Start);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("1x3", "1111")]
    [InlineData("_x2 1 0x1", "__1__")]
    [InlineData("0+1x2 stale", "_11_")]
    public void Series_ExpandsAsPromtoolDoes(string series, string steps)
    {
        var parsed = SeriesNotation.Parse(series, out var error);
        Assert.Null(error);
        Assert.Equal(steps, string.Concat(parsed!.Select(on => on ? '1' : '_')));
    }
}
