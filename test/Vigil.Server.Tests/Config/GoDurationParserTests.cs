using Vigil.Server.Config;

namespace Vigil.Server.Tests.Config;

/// <summary>Go's time.ParseDuration, as Pushover's retry and expire are read (texts as Go words its errors).</summary>
public sealed class GoDurationParserTests
{
    [Theory]
    [InlineData("1m", 60_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("300ms", 300)]
    [InlineData("2h30m", 9_000_000)]
    [InlineData("0", 0)]
    [InlineData("+5s", 5_000)]
    [InlineData("-5s", -5_000)]
    [InlineData("1500us", 1.5)]
    public void ValidDuration_IsRead(string text, double milliseconds)
    {
        var (value, error) = GoDurationParser.Parse(text);

        Assert.Null(error);
        Assert.Equal(milliseconds, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("30", "time: missing unit in duration \"30\"")]
    [InlineData("1d", "time: unknown unit \"d\" in duration \"1d\"")]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("m", "time: invalid duration \"m\"")]
    [InlineData(".", "time: invalid duration \".\"")]
    public void InvalidDuration_IsRefusedWithGosText(string text, string expected)
    {
        Assert.Equal(expected, GoDurationParser.Parse(text).Error);
    }
}
