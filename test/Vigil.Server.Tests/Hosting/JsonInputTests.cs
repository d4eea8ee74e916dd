using System.Text;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests.Hosting;

/// <summary>The one check every JSON body passes: what System.Text.Json alone would let through or turn into a 500.</summary>
public sealed class JsonInputTests
{
    [Theory]
    [InlineData("""{"a":1}""")]
    [InlineData("""[{"a":1},{"a":2}]""")]
    [InlineData("""{"a":{"a":{"a":[]}},"b":"\u00e9\ud83d\ude00"}""")]
    [InlineData("""{"a":"x","A":"y"}""")]
    [InlineData("\"caf\u00e9 \ud83d\ude00\"")]
    [InlineData("null")]
    public void WellFormedJson_Passes(string body) => Assert.Null(JsonInput.Check(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "duplicate key \"a\" in one JSON object (at byte 7)")]
    [InlineData("""{"a":1,"\u0061":2}""", "duplicate key \"a\" in one JSON object (at byte 7)")]
    [InlineData("""[{"x":{"k":1,"k":null}}]""", "duplicate key \"k\" in one JSON object")]
    [InlineData("""{"a":"\ud800"}""", "a JSON string is not valid text: invalid UTF-8 or a lone surrogate (at byte 5)")]
    [InlineData("""{"a":"\udc00\ud800"}""", "a JSON string is not valid text")]
    [InlineData("""{"\ud800":1}""", "a JSON key is not valid text")]
    [InlineData("""{"a":"x\u0000y"}""", "a JSON string holds a NUL character (\\u0000), which Vigil does not store (at byte 5)")]
    [InlineData("""{"a\u0000":1}""", "a JSON key holds a NUL character")]
    [InlineData("""{"a":1,}""", "not valid JSON: ")]
    [InlineData("""{"a":1} x""", "not valid JSON: ")]
    [InlineData("""{"a":1 /* c */}""", "not valid JSON: ")]
    [InlineData("", "not valid JSON: ")]
    public void BadJson_IsRefused_SayingWhatAndWhere(string body, string expected) =>
        Assert.StartsWith(expected, JsonInput.Check(Encoding.UTF8.GetBytes(body)), StringComparison.Ordinal);

    [Fact]
    public void InvalidUtf8_InAStringOrAKey_IsRefused()
    {
        Assert.StartsWith("a JSON string is not valid text", JsonInput.Check([.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8]), StringComparison.Ordinal);
        Assert.StartsWith("a JSON string is not valid text", JsonInput.Check([.. "[\""u8, 0xED, 0xA0, 0x80, .. "\"]"u8]), StringComparison.Ordinal);
        Assert.StartsWith("a JSON key is not valid text", JsonInput.Check([.. "{\""u8, 0xFF, .. "\":1}"u8]), StringComparison.Ordinal);
    }

    [Fact]
    public void NestingBeyond64_IsRefused_AndAtTheLimitPasses()
    {
        Assert.Null(JsonInput.Check(Encoding.ASCII.GetBytes(new string('[', 64) + new string(']', 64))));
        Assert.StartsWith("not valid JSON: ", JsonInput.Check(Encoding.ASCII.GetBytes(new string('[', 65) + new string(']', 65))), StringComparison.Ordinal);
        Assert.StartsWith("not valid JSON: ", JsonInput.Check(Encoding.ASCII.GetBytes(new string('[', 100_000))), StringComparison.Ordinal);
    }
}
