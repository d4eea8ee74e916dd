using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Vigil.Server.Labels;

/// <summary>
/// The regular expression dialect of every matcher, filter and <c>receiver=</c> query: Go's RE2 syntax, as
/// Alertmanager compiles it, matched against the whole value (Alertmanager anchors <c>^(?:…)$</c>, where <c>$</c> is the
/// end of the text). Patterns run on .NET's non-backtracking engine, in time linear in the input like RE2; one it
/// refuses as too large is refused here too, so that nothing accepted can fail later.
/// </summary>
internal static class Re2Syntax
{
    /// <summary>A match that takes longer is abandoned (see <see cref="Matcher.Matches(string)"/>); linear-time
    /// matching never comes near it on real label values. Generous, because the first match of a pattern builds its
    /// automaton lazily and, on a loaded machine, 100 ms was measured to pass: a route would then silently not match.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Null when <paramref name="pattern"/> is valid RE2 syntax that can be run; else Go's error text.</summary>
    public static string? Validate(string pattern)
    {
        try
        {
            Compile(pattern);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    /// <summary>The fully anchored .NET pattern with the same meaning; throws <see cref="FormatException"/>.</summary>
    public static string ToDotNet(string pattern) => "\\A(?:" + Re2Parser.Translate(pattern) + ")\\z";

    /// <summary>How many compiled patterns <see cref="Compile"/> keeps; past it the cache starts over.</summary>
    private const int CacheLimit = 4096;

    /// <summary>
    /// Compiled patterns by their RE2 text. Stored windows, silences and routes are read back often, and the same few
    /// patterns recur (a plan's window has one <c>alertname=~</c> selector per host): compiling each again cost a
    /// fifth of the server's CPU in the 500-host plan benchmark. A <see cref="Regex"/> is safe to share between threads.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="pattern"/> for whole-value matches; throws <see cref="FormatException"/> with Go's text.</summary>
    public static Regex Compile(string pattern)
    {
        if (Compiled.TryGetValue(pattern, out var cached))
        {
            return cached;
        }
        var regex = CompileNew(pattern);
        if (Compiled.Count >= CacheLimit)
        {
            Compiled.Clear();
        }
        Compiled.TryAdd(pattern, regex);
        return regex;
    }

    private static Regex CompileNew(string pattern)
    {
        var translated = ToDotNet(pattern);
        try
        {
            return new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            // Valid RE2, but its automaton would pass the engine's size limit (e.g. many large counted repetitions).
            throw new Re2Exception("expression too large", pattern);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"error parsing regexp: {e.Message}", e);
        }
    }
}
