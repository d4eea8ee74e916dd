using System.Text.Json;
using Vigil.Server.Labels;

namespace Vigil.Server.Maintenance;

/// <summary>
/// A window's stored selectors (a JSON array of matcher lists) as matchers, parsed once per distinct text. A plan run
/// narrows its window's expected signals at every host's reboot step, and each change reads the window again inside its
/// transaction: at 500 hosts that was ~1,000 parses of selectors naming every host, each making its strings, matchers and
/// regexes anew (docs/benchmarks.md, "Session 59"). Matchers are immutable, so the lists are shared between reads.
/// Bounded: emptied when full.
/// </summary>
internal static class StoredSelectors
{
    private const int Capacity = 256;

    private static readonly Dictionary<string, IReadOnlyList<IReadOnlyList<Matcher>>> Parsed = new(StringComparer.Ordinal);

    /// <summary>The matchers the text stores; throws as the parse does (JSON or matcher syntax) for a damaged row.</summary>
    public static IReadOnlyList<IReadOnlyList<Matcher>> Parse(string json)
    {
        lock (Parsed)
        {
            if (Parsed.TryGetValue(json, out var known))
            {
                return known;
            }
        }
        IReadOnlyList<IReadOnlyList<Matcher>> made = (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(MatcherParser.ParseStoredList).ToArray();
        lock (Parsed)
        {
            if (Parsed.Count >= Capacity)
            {
                Parsed.Clear();
            }
            Parsed[json] = made;
        }
        return made;
    }
}
