using Vigil.Server.Maintenance;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>A window's stored selectors, parsed once per distinct text and shared between reads.</summary>
public sealed class StoredSelectorsTests
{
    [Fact]
    public void TheSameStoredText_ReadTwice_GivesTheSameMatchers_AnotherTextItsOwn()
    {
        var hosts = string.Join("|", Enumerable.Range(1, 500).Select(i => $"lb-{i}"));
        var stored = $$"""["{host=~\"{{hosts}}\"}","{alertname=\"HostDown\",host=\"lb-7\"}"]""";

        var first = StoredSelectors.Parse(stored);
        var second = StoredSelectors.Parse(new string(stored.AsSpan()));
        var narrowed = StoredSelectors.Parse("""["{alertname=\"HostDown\",host=\"lb-8\"}"]""");

        Assert.Same(first, second);
        Assert.Equal(2, first.Count);
        Assert.True(first[0][0].Matches("lb-500"));
        Assert.False(first[0][0].Matches("lb-501"));
        Assert.Equal("lb-8", Assert.Single(narrowed)[1].Value);
    }

    [Fact]
    public void ADamagedText_FailsAsTheParseDoes_EveryTime()
    {
        Assert.ThrowsAny<Exception>(() => StoredSelectors.Parse("""["{host=\"lb-1\""]"""));
        Assert.ThrowsAny<Exception>(() => StoredSelectors.Parse("""["{host=\"lb-1\""]"""));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => StoredSelectors.Parse("not json"));
    }
}
