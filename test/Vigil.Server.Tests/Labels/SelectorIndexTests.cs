using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Labels;

/// <summary>The index over many selectors answers exactly as trying each selector in turn would.</summary>
public sealed class SelectorIndexTests
{
    private static IReadOnlyList<Matcher> Selector(string text) => MatcherParser.ParseList(text);

    private static bool OneByOne(IReadOnlyList<IReadOnlyList<Matcher>> selectors, LabelSet labels) =>
        selectors.Any(s => Matcher.All(s, labels));

    [Fact]
    public void ManySelectorsPinnedToAHost_MatchOnlyTheirHostsAndTheirSignals()
    {
        IReadOnlyList<IReadOnlyList<Matcher>> selectors =
            [.. Enumerable.Range(1, 500).Select(i => Selector($"alertname=~\"HostDown|RebootNonRoutine\",host=\"lb-{i}\""))];

        Assert.True(SelectorIndex.AnyMatches(selectors, LabelSet.Of(("alertname", "HostDown"), ("host", "lb-250"))));
        Assert.False(SelectorIndex.AnyMatches(selectors, LabelSet.Of(("alertname", "DiskFull"), ("host", "lb-250"))));
        Assert.False(SelectorIndex.AnyMatches(selectors, LabelSet.Of(("alertname", "HostDown"), ("host", "lb-501"))));
        Assert.False(SelectorIndex.AnyMatches(selectors, LabelSet.Of(("alertname", "HostDown"))));
    }

    [Fact]
    public void MixedSelectors_AnswerAsTryingEachInTurn()
    {
        IReadOnlyList<IReadOnlyList<Matcher>> selectors =
        [
            .. Enumerable.Range(1, 40).Select(i => Selector($"host=\"db-{i}\"")),
            Selector("service=~\"api|web\",env!=\"dev\""),
            Selector("team=\"\",job=\"node\""),
            Selector("cluster=\"eu\",host=\"db-3\""),
            .. Enumerable.Range(1, 20).Select(i => Selector($"job=\"j{i}\",host!=\"db-1\"")),
        ];
        LabelSet[] cases =
        [
            LabelSet.Of(("host", "db-7")),
            LabelSet.Of(("host", "db-41")),
            LabelSet.Of(("service", "api"), ("env", "prod")),
            LabelSet.Of(("service", "api"), ("env", "dev")),
            LabelSet.Of(("job", "node")),
            LabelSet.Of(("job", "node"), ("team", "ops")),
            LabelSet.Of(("cluster", "eu"), ("host", "db-99")),
            LabelSet.Of(("job", "j3"), ("host", "db-1")),
            LabelSet.Of(("job", "j3"), ("host", "db-2")),
            LabelSet.Of(("job", "j21")),
            LabelSet.Of(),
        ];
        foreach (var labels in cases)
        {
            Assert.Equal(OneByOne(selectors, labels), SelectorIndex.AnyMatches(selectors, labels));
        }
    }
}
