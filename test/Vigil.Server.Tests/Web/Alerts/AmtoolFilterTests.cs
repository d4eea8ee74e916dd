using Vigil.Server.Web.Alerts;

namespace Vigil.Server.Tests.Web.Alerts;

public sealed class AmtoolFilterTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("alertname=\"X\"", "alertname=\"X\"")]
    [InlineData("alertname=\"X\" severity=~\"crit.*\"", "alertname=\"X\" severity=~\"crit.*\"")]
    [InlineData("alertname=X,severity!=info", "alertname=\"X\" severity!=\"info\"")]
    [InlineData("{alertname=\"X\", env=\"prod\"}", "alertname=\"X\" env=\"prod\"")]
    [InlineData("alertname = \"X\"  job=~\"a b\"", "alertname=\"X\" job=~\"a b\"")]
    [InlineData("summary=\"two words\" instance!~\"web-\\\\d+\"", "summary=\"two words\" instance!~\"web-\\\\d+\"")]
    public void Filter_InAmtoolsSyntax_ReadsAsTheApisMatchers(string text, string expected)
    {
        var (matchers, error) = AmtoolFilter.Parse(text);
        Assert.Null(error);
        Assert.Equal(expected, AmtoolFilter.Format(matchers));
    }

    [Theory]
    [InlineData("alertname", "bad matcher format")]
    [InlineData("alertname=\"X", "unterminated")]
    [InlineData("job=~\"(\"", "")]
    public void Filter_ThatIsNotAMatcherList_IsAnErrorNamingIt(string text, string contains)
    {
        var (matchers, error) = AmtoolFilter.Parse(text);
        Assert.Empty(matchers);
        Assert.NotNull(error);
        Assert.Contains(contains, error, StringComparison.Ordinal);
    }
}
