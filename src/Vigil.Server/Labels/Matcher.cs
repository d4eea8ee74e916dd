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
/// regexes are fully anchored, and an absent label matches as the empty string.
/// Regexes run on .NET's non-backtracking engine, which like Go's RE2 runs in linear time.
/// </summary>
public sealed class Matcher : IEquatable<Matcher>
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
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

    public static Matcher Create(string name, MatchType type, string value)
    {
        Regex? regex = null;
        if (type is MatchType.Regex or MatchType.NotRegex)
        {
            try
            {
                regex = new Regex("^(?:" + value + ")$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"invalid regular expression {GoQuote.Quote(value)}: {e.Message}", e);
            }
        }
        return new Matcher(name, type, value, regex);
    }

    public static Matcher Equal(string name, string value) => Create(name, MatchType.Equal, value);

    public bool Matches(string value) => Type switch
    {
        MatchType.Equal => string.Equals(value, Value, StringComparison.Ordinal),
        MatchType.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
        MatchType.Regex => _regex!.IsMatch(value),
        MatchType.NotRegex => !_regex!.IsMatch(value),
        _ => false,
    };

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
