using System.Runtime.CompilerServices;

namespace Vigil.Server.Labels;

/// <summary>
/// Whether any of several selectors (each a list of matchers that must all match) matches a label set, in time that
/// does not grow with the number of selectors that pin a label to one value. A maintenance plan's window has one
/// selector per host (<c>host="lb-17"</c>, …); matching every alert of a <c>GET /api/v2/alerts</c> against 500 of them
/// one by one was most of that request's time during the 500-host plan benchmark. Pure: the index is built once per
/// selector list (lists of stored windows are never changed after they are read) and kept as long as the list lives.
/// </summary>
public sealed class SelectorIndex
{
    /// <summary>Fewer selectors than this are matched one by one: cheaper than building and keeping an index.</summary>
    private const int IndexFrom = 16;

    private static readonly ConditionalWeakTable<IReadOnlyList<IReadOnlyList<Matcher>>, SelectorIndex> Indexes = [];

    /// <summary>Selectors by the label they pin with an equality matcher, then by that label's value.</summary>
    private readonly Dictionary<string, Dictionary<string, List<IReadOnlyList<Matcher>>>> _pinned = new(StringComparer.Ordinal);

    /// <summary>Selectors with no equality matcher: always tried.</summary>
    private readonly List<IReadOnlyList<Matcher>> _unpinned = [];

    private SelectorIndex(IReadOnlyList<IReadOnlyList<Matcher>> selectors)
    {
        foreach (var selector in selectors)
        {
            var pin = selector.FirstOrDefault(m => m.Type == MatchType.Equal);
            if (pin is null)
            {
                _unpinned.Add(selector);
                continue;
            }
            if (!_pinned.TryGetValue(pin.Name, out var byValue))
            {
                byValue = new Dictionary<string, List<IReadOnlyList<Matcher>>>(StringComparer.Ordinal);
                _pinned[pin.Name] = byValue;
            }
            if (!byValue.TryGetValue(pin.Value, out var list))
            {
                list = [];
                byValue[pin.Value] = list;
            }
            list.Add(selector);
        }
    }

    /// <summary>Whether one of <paramref name="selectors"/> matches <paramref name="labels"/> (an absent label is "").</summary>
    public static bool AnyMatches(IReadOnlyList<IReadOnlyList<Matcher>> selectors, LabelSet labels)
    {
        if (selectors.Count < IndexFrom)
        {
            return AnyOf(selectors, labels);
        }
        return Indexes.GetValue(selectors, s => new SelectorIndex(s)).Matches(labels);
    }

    private bool Matches(LabelSet labels)
    {
        if (AnyOf(_unpinned, labels))
        {
            return true;
        }
        foreach (var (name, byValue) in _pinned)
        {
            // A selector pinned to name="v" can only match when the label's value is v ("" when absent).
            if (byValue.TryGetValue(labels.ValueOrEmpty(name), out var candidates) && AnyOf(candidates, labels))
            {
                return true;
            }
        }
        return false;
    }

    private static bool AnyOf(IReadOnlyList<IReadOnlyList<Matcher>> selectors, LabelSet labels)
    {
        foreach (var selector in selectors)
        {
            if (Matcher.All(selector, labels))
            {
                return true;
            }
        }
        return false;
    }
}
