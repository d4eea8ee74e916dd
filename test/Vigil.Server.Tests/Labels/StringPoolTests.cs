using System.Globalization;
using System.Text;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Labels;

public sealed class StringPoolTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T08:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public void AlertsPostedApart_ShareOneCopyOfARepeatedLabelValue()
    {
        var first = Parse("host-a");
        var second = Parse("host-b");

        Assert.Same(first.Labels.Get("severity"), second.Labels.Get("severity"));
        Assert.Same(first.Labels.Get("alertname"), second.Labels.Get("alertname"));
        Assert.Equal("host-b", second.Labels.Get("instance"));
    }

    [Fact]
    public void ARepeatedValue_IsSharedAgain_AfterAMillionOneOffValuesWentThrough()
    {
        for (var i = 0; i < 1_000_000; i++)
        {
            StringPool.Get("instance-" + i.ToString(CultureInfo.InvariantCulture));
        }
        var first = Parse("after-1");
        var second = Parse("after-2");

        Assert.Same(first.Labels.Get("severity"), second.Labels.Get("severity"));
        Assert.Equal("critical", second.Labels.Get("severity"));
    }

    [Fact]
    public void AValueLongerThanTheLimit_IsReturnedWhole_AndEqual()
    {
        var text = new string('x', StringPool.MaxLength + 1);

        Assert.Equal(text, StringPool.Get(text));
    }

    [Theory]
    [InlineData("Zürich ☃", "Zürich ☃")]
    [InlineData("caf\\u00e9", "café")]
    [InlineData("\\u0041BC", "ABC")]
    public void AValueOutsidePlainAscii_IsReadRight_AndSharedToo(string json, string expected)
    {
        var first = Parse("host-a", json);
        var second = Parse("host-b", json);

        Assert.Equal(expected, first.Labels.Get("severity"));
        Assert.Same(first.Labels.Get("severity"), second.Labels.Get("severity"));
    }

    [Fact]
    public void ALabelValueThatIsNotUtf8_IsRefused_NotPooled()
    {
        var body = Encoding.UTF8.GetBytes("""[{"labels":{"alertname":"X","severity":"zz"}}]""");
        body[Array.IndexOf(body, (byte)'z')] = 0xFF; // the value alone, nothing else holds a z

        var (alerts, error) = AlertsRequestParser.Parse(body, Now, TimeSpan.FromMinutes(5));

        Assert.Null(alerts);
        Assert.NotNull(error);
    }

    private static Server.Alerts.Alert Parse(string instance, string severity = "critical")
    {
        var body = Encoding.UTF8.GetBytes(
            $$"""[{"labels":{"alertname":"DiskFull","severity":"{{severity}}","instance":"{{instance}}"},"startsAt":"2026-12-02T07:59:00Z"}]""");
        var (alerts, error) = AlertsRequestParser.Parse(body, Now, TimeSpan.FromMinutes(5));
        Assert.Null(error);
        return Assert.Single(alerts!);
    }
}
