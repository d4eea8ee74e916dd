using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;

namespace Vigil.Server.Tests.Labels;

/// <summary>Matcher strings read as Alertmanager's ParseMatcher reads them.</summary>
public sealed class MatcherParserTests
{
    [Theory]
    [InlineData("instance=~\"web\\d+\"", "web\\d+")]
    [InlineData("a=\"x\\\"y\"", "x\"y")]
    [InlineData("a=\"x\\\\y\"", "x\\y")]
    [InlineData("a=\"x\\ny\"", "x\ny")]
    [InlineData("a=\"x\\ty\"", "x\\ty")]
    [InlineData("a=x\\d", "x\\d")]
    public void QuotedValues_UnescapeOnlyNewlineQuoteAndBackslash(string input, string value) =>
        Assert.Equal(value, MatcherParser.Parse(input).Value);

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line\nbreak, \"quoted\" and \\ back\\slash")]
    [InlineData("caf\u00e9 \u0001 \r")]
    [InlineData("web\\d+")]
    public void AMatcherPrinted_ReadsBackAsTheSameMatcher(string value)
    {
        var m = Matcher.Create("job", MatchType.Equal, value);
        Assert.Equal(m, MatcherParser.Parse(m.ToString()));
        Assert.Equal(m, Assert.Single(MatcherParser.ParseList(Matcher.ListToString([m]))));
    }

    [Fact]
    public void ARegexWithAnEscape_MatchesAsWritten()
    {
        var m = Assert.Single(MatcherParser.ParseList("{instance=~\"web\\d+\"}"));
        Assert.Equal(MatchType.Regex, m.Type);
        Assert.True(m.Matches("web12"));
        Assert.False(m.Matches("webdd"));
    }

    [Fact]
    public void ARegexOutsideRe2_IsRefusedNamingIt()
    {
        var e = Assert.Throws<FormatException>(() => MatcherParser.ParseList("job=~\"(a)\\1\""));
        Assert.Equal("invalid regular expression \"(a)\\\\1\": error parsing regexp: invalid escape sequence: `\\1`", e.Message);
    }
}
