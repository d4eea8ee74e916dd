using NodaTime;
using Vigil.Server.Hosts;
using Vigil.Server.Web.Hosts;
using Vigil.Server.Web.Maintenance;

namespace Vigil.Server.Tests.Ui;

/// <summary>The pure parts behind the Maintenance and Hosts pages: the new-window form's draft and the reboot chart's geometry.</summary>
public sealed class MaintUiModelTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static WindowForm Form(string? start) =>
        new("host=\"db-1\"\n\n  service=\"x\", env=\"prod\"  \n", "alertname=\"HostDown\"", start, "2h", " alice ", "bob", "", "work", Assign: false);

    [Fact]
    public void WindowForm_StartInTheViewersZone_BecomesUtc_AndEachNonEmptyLineIsASelector()
    {
        var (draft, error) = Form("2026-12-01T22:00").ToDraft(Berlin);
        Assert.Null(error);
        Assert.Equal("2026-12-01T21:00:00Z", draft!.Start);
        Assert.Equal(["host=\"db-1\"", "service=\"x\", env=\"prod\""], draft.Targets);
        Assert.Equal("alice", draft.Watcher);
        Assert.Null(draft.Schedule);
    }

    [Fact]
    public void WindowForm_EmptyStart_IsNow()
    {
        Assert.Equal("now", Form("").ToDraft(Berlin).Draft!.Start);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("0001-01-01T00:00")]
    [InlineData("9999-12-31T23:59")]
    public void WindowForm_StartThatIsNoDateOrOutOfRange_IsRefusedNamingTheField(string start)
    {
        var (draft, error) = Form(start).ToDraft(Berlin);
        Assert.Null(draft);
        Assert.StartsWith("Start: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("targets[1]: bad matcher", "Targets, line 2: bad matcher")]
    [InlineData("end: is not in the future", "Duration: is not in the future")]
    [InlineData("watcher: required", "Watcher: required")]
    public void WindowForm_BuilderErrors_NameTheFormsField(string api, string shown)
    {
        Assert.Equal(shown, WindowForm.Describe(api));
    }

    [Fact]
    public void RebootChart_JudgesEachRebootByTheAllowanceOfItsTime_AndDrawsTheAllowanceNow()
    {
        var t0 = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var seconds = new[] { 40, 45, 42, 200 };
        var reboots = seconds.Select((s, i) => new HostReboot(i, "lb-1", $"b{i}", $"b{i + 1}", t0.AddHours(i), t0.AddHours(i).AddSeconds(s), null))
            .Reverse().ToList();
        var options = new HostsOptions();
        var chart = RebootChart.Of("lb-1", reboots, 30, options, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(300));

        Assert.Equal(4, chart.Bars.Count);
        Assert.Equal([false, false, false, true], chart.Bars.Select(b => b.Over));
        // 1.5 × the 95th percentile of 40, 45 and 42 s: 67.5 s.
        Assert.Equal(TimeSpan.FromSeconds(67.5), chart.Entries[^1].AllowanceThen);
        Assert.True(chart.Bars[3].H > chart.Bars[0].H * 4);
        // The dashed line at 300 s is above the tallest bar (200 s).
        Assert.True(chart.AllowanceY < chart.Bars[3].Y);
        var svg = chart.Svg("allowance 5 min");
        Assert.StartsWith("<svg class=\"chart reboots\" role=\"img\" aria-label=\"Reboot durations of lb-1: 4 reboot(s)", svg, StringComparison.Ordinal);
        Assert.Contains("<title>Reboot durations of lb-1", svg, StringComparison.Ordinal);
        Assert.Contains("class=\"limit\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void RebootChart_EncodesText_AndSaysWhenThereIsNoReboot()
    {
        var chart = RebootChart.Of("<b>", [], 30, new HostsOptions(), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
        Assert.Empty(chart.Bars);
        var svg = chart.Svg("allowance <10 min>");
        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        Assert.Contains("No reboot of &lt;b&gt; recorded yet", svg, StringComparison.Ordinal);
    }
}
