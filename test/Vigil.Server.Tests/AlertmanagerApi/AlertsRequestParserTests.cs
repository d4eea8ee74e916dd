using System.Text;
using Vigil.Server.AlertmanagerApi;

namespace Vigil.Server.Tests.AlertmanagerApi;

/// <summary>The Utf8JsonReader fast path reads bodies exactly as deserialising into dictionaries did.</summary>
public sealed class AlertsRequestParserTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""[{"labels":{"z":"1","b":null,"a":"\u0041"}}]""", "{a=\"A\", z=\"1\"}")]
    [InlineData("""[{"extra":{"deep":[1,{"x":null}]},"labels":{"a":"x"},"more":3}]""", "{a=\"x\"}")]
    [InlineData("""[{"labels":{"a":"x","b":"1","c":""}}]""", "{a=\"x\", b=\"1\"}")]
    public void Labels_AreReadAsTheSerializerWould(string body, string expected)
    {
        var (alerts, error) = AlertsRequestParser.Parse(Encoding.UTF8.GetBytes(body), Now, TimeSpan.FromMinutes(5));
        Assert.Null(error);
        Assert.Equal(expected, Assert.Single(alerts!).Labels.ToString());
    }

    [Theory]
    [InlineData("""[{"labels":{"a":"x","a":"y"}}]""", "duplicate key \"a\"")]
    [InlineData("""[{"labels":{"a":"x","b":"1","a":null}}]""", "duplicate key \"a\"")]
    [InlineData("""[{"labels":{"a":"1"},"labels":{"b":"2"}}]""", "duplicate key \"labels\"")]
    [InlineData("""[{"labels":{"a":"1"},"x":{"k":1,"\u006b":2}}]""", "duplicate key \"k\"")]
    [InlineData("""[{"labels":{"a":"\ud800"}}]""", "a JSON string is not valid text")]
    [InlineData("""[{"labels":{"\udc00":"a"}}]""", "a JSON key is not valid text")]
    [InlineData("""[{"labels":{"a":"x\u0000"}}]""", "a JSON string holds a NUL character")]
    [InlineData("""[{"labels":{"a":"x"},"generatorURL":"\u0000"}]""", "a JSON string holds a NUL character")]
    [InlineData("""[{"labels":{"a":"x"},"annotations":{"s":"1","s":"2"}}]""", "duplicate key \"s\"")]
    [InlineData("""[{"labels":{"a":"x"},"annotations":{"s":null,"t":"1","s":"2"}}]""", "duplicate key \"s\"")]
    [InlineData("""[{"labels":{"a":"x"},"annotations":{"s":"\ud800"}}]""", "a JSON string is not valid text")]
    [InlineData("""[{"labels":{"a":"x"},"annotations":{"\udc00":"a"}}]""", "a JSON key is not valid text")]
    [InlineData("""[{"labels":{"a":"x"},"annotations":{"s":"x\u0000"}}]""", "a JSON string holds a NUL character")]
    [InlineData("""[{"labels":{"a":"x"},"annotations":{"s\u0000":"x"}}]""", "a JSON key holds a NUL character")]
    public void DuplicateKeysAndBrokenText_AreRefused(string body, string expected)
    {
        var (alerts, error) = AlertsRequestParser.Parse(Encoding.UTF8.GetBytes(body), Now, TimeSpan.FromMinutes(5));
        Assert.Null(alerts);
        Assert.Equal(400, error!.StatusCode);
        Assert.StartsWith("parsing alerts body failed, because " + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARequestParsedAfterALargerOne_HoldsOnlyItsOwnAlerts()
    {
        var (three, _) = AlertsRequestParser.Parse("""[{"labels":{"a":"1"}},{"labels":{"a":"2"}},{"labels":{"a":"3"}}]"""u8, Now, TimeSpan.FromMinutes(5));
        var (one, _) = AlertsRequestParser.Parse("""[{"labels":{"a":"4"}}]"""u8, Now, TimeSpan.FromMinutes(5));

        Assert.Equal(["1", "2", "3"], three!.Select(a => a.Labels.ValueOrEmpty("a")));
        Assert.Equal("4", Assert.Single(one!).Labels.ValueOrEmpty("a"));
    }

    [Fact]
    public void ARequestParsedAfterOneRefusedHalfway_HoldsOnlyItsOwnAlerts()
    {
        var (refused, error) = AlertsRequestParser.Parse("""[{"labels":{"a":"1"}},{"labels":{"a":"2"}},{"labels":7}]"""u8, Now, TimeSpan.FromMinutes(5));
        var (nothing, nullError) = AlertsRequestParser.Parse("null"u8, Now, TimeSpan.FromMinutes(5));
        var (one, _) = AlertsRequestParser.Parse("""[{"labels":{"a":"4"}}]"""u8, Now, TimeSpan.FromMinutes(5));

        Assert.Null(refused);
        Assert.Equal(400, error!.StatusCode);
        Assert.Null(nothing);
        Assert.Equal(400, nullError!.StatusCode);
        Assert.Equal("4", Assert.Single(one!).Labels.ValueOrEmpty("a"));
    }

    [Fact]
    public void InvalidUtf8_IsRefused()
    {
        byte[] body = [.. "[{\"labels\":{\"a\":\""u8, 0xC3, 0x28, .. "\"}}]"u8];
        var (alerts, error) = AlertsRequestParser.Parse(body, Now, TimeSpan.FromMinutes(5));
        Assert.Null(alerts);
        Assert.StartsWith("parsing alerts body failed, because a JSON string is not valid text", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_KeepEmptyValues_AndDropNulls()
    {
        var (alerts, _) = AlertsRequestParser.Parse("""[{"labels":{"a":"x"},"annotations":{"e":"","n":null,"s":"v"},"generatorURL":null}]"""u8, Now, TimeSpan.FromMinutes(5));
        var alert = Assert.Single(alerts!);
        Assert.Equal("{e=\"\", s=\"v\"}", alert.Annotations.ToString());
        Assert.Equal("", alert.GeneratorUrl);
    }

    [Fact]
    public void InvalidUtf8InAnAnnotation_IsRefused()
    {
        byte[] body = [.. "[{\"labels\":{\"a\":\"x\"},\"annotations\":{\"s\":\""u8, 0xC3, 0x28, .. "\"}}]"u8];
        var (alerts, error) = AlertsRequestParser.Parse(body, Now, TimeSpan.FromMinutes(5));
        Assert.Null(alerts);
        Assert.StartsWith("parsing alerts body failed, because a JSON string is not valid text", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"z":"last","a":"first","m":"\u00e9t\u00e9 \"quoted\" \\ \/"}""", "{a=\"first\", m=\"été \\\"quoted\\\" \\\\ /\", z=\"last\"}")]
    [InlineData("""{"emoji":"\ud83d\udd25 \u2603","plain":"ünïcödé"}""", "{emoji=\"🔥 ☃\", plain=\"ünïcödé\"}")]
    [InlineData("""{}""", "{}")]
    [InlineData("""null""", "{}")]
    public void Annotations_AreReadAsTheSerializerWould_SortedAndUnescaped(string annotations, string expected)
    {
        var body = Encoding.UTF8.GetBytes("[{\"labels\":{\"a\":\"x\"},\"annotations\":" + annotations + "}]");
        var (alerts, error) = AlertsRequestParser.Parse(body, Now, TimeSpan.FromMinutes(5));
        Assert.Null(error);
        var alert = Assert.Single(alerts!);
        Assert.Equal(expected, alert.Annotations.ToString());
        // The slow path (a body the fast reader turns down for an unknown property) reads the same set.
        var (slow, _) = AlertsRequestParser.Parse(Encoding.UTF8.GetBytes("[{\"labels\":{\"a\":\"x\"},\"extra\":1,\"annotations\":" + annotations + "}]"), Now, TimeSpan.FromMinutes(5));
        Assert.Equal(alert.Annotations, Assert.Single(slow!).Annotations);
    }

    [Theory]
    [InlineData("[", 400)]
    [InlineData("[] x", 400)]
    [InlineData("""[{"labels":{"a":"x"}},]""", 400)]
    [InlineData("""[{"labels":{"a":"x"},"generatorURL":5}]""", 400)]
    [InlineData("""[{"labels":{"a":"x"},"endsAt":null,"startsAt":"2024-13-01T00:00:00Z"}]""", 400)]
    [InlineData("""[null]""", 422)]
    [InlineData("""[{"labels":null}]""", 422)]
    [InlineData("null", 400)]
    public void BadBodies_GetTheSerializersErrors(string body, int status)
    {
        var (alerts, error) = AlertsRequestParser.Parse(Encoding.UTF8.GetBytes(body), Now, TimeSpan.FromMinutes(5));
        Assert.Null(alerts);
        Assert.Equal(status, error!.StatusCode);
        Assert.StartsWith(status == 400 ? "parsing alerts body failed, because " : "0.labels", error.Message, StringComparison.Ordinal);
    }
}
