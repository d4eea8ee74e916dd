using System.Globalization;
using System.Text;
using Vigil.Server.AlertmanagerApi;

namespace Vigil.Server.Tests.AlertmanagerApi;

/// <summary>The UTF-8 time formatter the alert list uses writes what the culture formatter writes.</summary>
public sealed class WireTimeTests
{
    [Theory]
    [InlineData("0001-01-01T00:00:00.000Z")]
    [InlineData("1999-12-31T23:59:59.999Z")]
    [InlineData("2024-02-29T12:34:56.007Z")]
    [InlineData("2026-12-02T04:31:55.123Z")]
    [InlineData("9999-12-31T23:59:59.999Z")]
    public void FormatUtf8_WritesGoOpenapisDateTime(string text)
    {
        var t = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(text, Encoding.UTF8.GetString(WireTime.FormatUtf8(t, new byte[WireTime.Length])));
    }

    [Fact]
    public void FormatUtf8_MatchesFormat_ForOffsetsAndSubMillisecondTicks()
    {
        var random = new Random(15);
        for (var i = 0; i < 10_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            var t = new DateTimeOffset(ticks, TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60)));
            Assert.Equal(WireTime.Format(t), Encoding.UTF8.GetString(WireTime.FormatUtf8(t, new byte[WireTime.Length])));
        }
    }
}
