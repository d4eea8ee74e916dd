using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Server.Labels;

public enum MatchType
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

/// <summary>
/// One label matcher (<c>name="v"</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>) with Alertmanager's semantics:
/// regexes are in Go's RE2 syntax (<see cref="Re2Syntax"/>) and fully anchored, and an absent label matches as the
/// empty string. Regexes run on .NET's non-backtracking engine, which like Go's RE2 runs in linear time.
/// </summary>
public sealed class Matcher : IEquatable<Matcher>
{
    private readonly Regex? _regex;

    private Matcher(string name, MatchType type, string value, Regex? regex)
    {
        Name = name;
        Type = type;
        Value = value;
        _regex = regex;
    }

    public string Name { get; }

    public MatchType Type { get; }

    public string Value { get; }

    public bool IsRegex => Type is MatchType.Regex or MatchType.NotRegex;

    public bool IsEqual => Type is MatchType.Equal or MatchType.Regex;

    /// <summary>A matcher; a regex outside RE2 syntax throws <see cref="FormatException"/> naming it and Go's reason.</summary>
    public static Matcher Create(string name, MatchType type, string value)
    {
        Regex? regex = null;
        if (type is MatchType.Regex or MatchType.NotRegex)
        {
            try
            {
                regex = Re2Syntax.Compile(value);
            }
            catch (FormatException e)
            {
                throw new FormatException($"invalid regular expression {GoQuote.Quote(value)}: {e.Message}", e);
            }
        }
        return new Matcher(name, type, value, regex);
    }

    /// <summary>
    /// A matcher read back from storage. Versions before the RE2 dialect accepted .NET syntax (e.g. <c>\u0041</c>);
    /// such a stored regex keeps working as it did then (anchored, non-backtracking) rather than failing the load.
    /// </summary>
    public static Matcher FromStore(string name, MatchType type, string value)
    {
        try
        {
            return Create(name, type, value);
        }
        catch (FormatException) when (type is MatchType.Regex or MatchType.NotRegex)
        {
            var legacy = new Regex("^(?:" + value + ")$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Re2Syntax.MatchTimeout);
            return new Matcher(name, type, value, legacy);
        }
    }

    public static Matcher Equal(string name, string value) => Create(name, MatchType.Equal, value);

    /// <summary>
    /// Whether <paramref name="value"/> matches. A regex match that runs past <see cref="Re2Syntax.MatchTimeout"/>
    /// (an absurdly large value against a large pattern) counts as not matching, for <c>=~</c> and <c>!~</c> alike:
    /// a silence, inhibition or window then does not apply and the alert is notified, the safe side for a pager.
    /// </summary>
    public bool Matches(string value)
    {
        try
        {
            return Type switch
            {
                MatchType.Equal => string.Equals(value, Value, StringComparison.Ordinal),
                MatchType.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
                MatchType.Regex => _regex!.IsMatch(value),
                MatchType.NotRegex => !_regex!.IsMatch(value),
                _ => false,
            };
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public bool Matches(LabelSet labels) => Matches(labels.ValueOrEmpty(Name));

    public static string OperatorText(MatchType type) => type switch
    {
        MatchType.Equal => "=",
        MatchType.NotEqual => "!=",
        MatchType.Regex => "=~",
        MatchType.NotRegex => "!~",
        _ => "?",
    };

    /// <summary>Alertmanager's Matcher.String(): <c>name="value"</c> with Go quoting.</summary>
    public override string ToString() => Name + OperatorText(Type) + GoQuote.Quote(Value);

    public bool Equals(Matcher? other) =>
        other is not null && other.Name == Name && other.Type == Type && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as Matcher);

    public override int GetHashCode() => HashCode.Combine(Name, Type, Value);

    /// <summary><c>{a="1",b=~"2"}</c>, as Alertmanager's Matchers.String() prints a list.</summary>
    public static string ListToString(IEnumerable<Matcher> matchers)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var m in matchers)
        {
            if (!first)
            {
                sb.Append(',');
            }
            sb.Append(m);
            first = false;
        }
        return sb.Append('}').ToString();
    }

    /// <summary>True when every matcher matches.</summary>
    public static bool All(IReadOnlyList<Matcher> matchers, LabelSet labels)
    {
        for (var i = 0; i < matchers.Count; i++)
        {
            if (!matchers[i].Matches(labels))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Alertmanager's sort order for route matchers (name, value, then equality before regex).</summary>
    public static int Compare(Matcher a, Matcher b)
    {
        var c = string.CompareOrdinal(a.Name, b.Name);
        if (c != 0)
        {
            return c;
        }
        c = string.CompareOrdinal(a.Value, b.Value);
        if (c != 0)
        {
            return c;
        }
        return a.Type.CompareTo(b.Type);
    }
}
