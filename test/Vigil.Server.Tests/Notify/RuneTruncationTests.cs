using Vigil.Server.Notify.Integrations;

namespace Vigil.Server.Tests.Notify;

/// <summary>Alertmanager's TruncateInRunes: counted in characters (code points), the last kept one replaced by "…".</summary>
public sealed class RuneTruncationTests
{
    [Theory]
    [InlineData("abc", 3, "abc", false)]
    [InlineData("abcd", 3, "abc", true)]
    [InlineData("abcdef", 4, "abc…", true)]
    [InlineData("ééééé", 4, "ééé…", true)]
    [InlineData("😀😀😀😀😀", 4, "😀😀😀…", true)]
    [InlineData("😀😀😀😀", 4, "😀😀😀😀", false)]
    public void Text_IsCutToTheLimitInCharacters(string text, int limit, string expected, bool truncated)
    {
        Assert.Equal((expected, truncated), TextTruncation.InRunes(text, limit));
    }
}
