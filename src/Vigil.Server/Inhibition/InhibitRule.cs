using System.Text;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Inhibition;

/// <summary>One compiled inhibit rule: its matchers and the sorted, distinct equal label names.</summary>
internal sealed class InhibitRule
{
    private readonly string[] _equal;

    public InhibitRule(InhibitRuleConfig config)
    {
        Source = config.SourceMatchers;
        Target = config.TargetMatchers;
        _equal = config.Equal.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<Matcher> Source { get; }

    public IReadOnlyList<Matcher> Target { get; }

    public bool MatchesSource(LabelSet labels) => Matcher.All(Source, labels);

    public bool MatchesTarget(LabelSet labels) => Matcher.All(Target, labels);

    /// <summary>
    /// The values of the equal labels, each prefixed with its length so no two value lists collide; an absent
    /// label counts as "" (Alertmanager compares <c>a.Labels[n] != lset[n]</c>).
    /// </summary>
    public string EqualKey(LabelSet labels)
    {
        if (_equal.Length == 0)
        {
            return "";
        }
        var sb = new StringBuilder();
        foreach (var name in _equal)
        {
            var value = labels.ValueOrEmpty(name);
            sb.Append(value.Length).Append(':').Append(value);
        }
        return sb.ToString();
    }

    public bool EqualLabelsMatch(LabelSet a, LabelSet b)
    {
        foreach (var name in _equal)
        {
            if (!string.Equals(a.ValueOrEmpty(name), b.ValueOrEmpty(name), StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
