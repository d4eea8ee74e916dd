using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Inhibition;

/// <summary>
/// Alertmanager 0.25's inhibitor, pure. An alert is inhibited when, for some rule (in order), it matches the
/// target side and a <em>firing</em> alert matching the source side has the same values for every equal label
/// (absent equals absent). When the alert matches the source side too, sources that also match the target side
/// are disregarded, so an alert never inhibits itself and two-sided alerts do not inhibit each other.
/// </summary>
public sealed class Inhibitor
{
    private readonly InhibitRule[] _rules;

    public Inhibitor(IEnumerable<InhibitRuleConfig> rules)
    {
        _rules = rules.Select(r => new InhibitRule(r)).ToArray();
    }

    public int RuleCount => _rules.Length;

    /// <summary>An empty index for this inhibitor's rules.</summary>
    public InhibitionIndex CreateIndex() => new(_rules);

    /// <summary>An index holding <paramref name="alerts"/>.</summary>
    public InhibitionIndex CreateIndex(IEnumerable<Alert> alerts)
    {
        var index = CreateIndex();
        if (_rules.Length == 0)
        {
            return index; // nothing to index: no walk over every alert (a million at a restart)
        }
        foreach (var alert in alerts)
        {
            index.Set(alert);
        }
        return index;
    }

    /// <summary>
    /// The fingerprint of the alert inhibiting <paramref name="target"/> (one, the first found, as Alertmanager's
    /// marker records), or empty. Reads one bucket per rule whose target side matches.
    /// </summary>
    public IReadOnlyList<Fingerprint> InhibitedBy(LabelSet target, InhibitionIndex index, DateTimeOffset now)
    {
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (!rule.MatchesTarget(target))
            {
                continue;
            }
            var source = index.FindSource(i, target, rule.MatchesSource(target), now);
            if (source is { } fp)
            {
                return [fp];
            }
        }
        return [];
    }

    /// <summary>As the indexed overload, scanning <paramref name="alerts"/> (resolved ones are skipped).</summary>
    public IReadOnlyList<Fingerprint> InhibitedBy(LabelSet target, IEnumerable<Alert> alerts, DateTimeOffset now)
    {
        var list = alerts as IReadOnlyCollection<Alert> ?? alerts.ToList();
        foreach (var rule in _rules)
        {
            if (!rule.MatchesTarget(target))
            {
                continue;
            }
            var excludeTwoSided = rule.MatchesSource(target);
            foreach (var a in list)
            {
                if (a.IsFiringAt(now) &&
                    rule.MatchesSource(a.Labels) &&
                    rule.EqualLabelsMatch(a.Labels, target) &&
                    !(excludeTwoSided && rule.MatchesTarget(a.Labels)))
                {
                    return [a.Fingerprint];
                }
            }
        }
        return [];
    }

    public bool Mutes(LabelSet target, InhibitionIndex index, DateTimeOffset now) => InhibitedBy(target, index, now).Count > 0;
}
