using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Inhibition;

/// <summary>
/// The alerts that can inhibit, per rule, bucketed by their equal-label values so a lookup reads one bucket
/// (Alertmanager's per-rule source cache, indexed). Keep it current with <see cref="Set"/> on every alert change
/// and <see cref="Remove"/> when an alert is deleted; resolved sources are skipped at lookup and dropped by
/// <see cref="PruneResolved"/>. Not thread-safe: the owner serialises writes against reads.
/// </summary>
public sealed class InhibitionIndex
{
    private readonly IReadOnlyList<InhibitRule> _rules;
    private readonly Dictionary<string, Bucket>[] _buckets;
    private readonly Dictionary<Fingerprint, Alert> _sources = [];

    internal InhibitionIndex(IReadOnlyList<InhibitRule> rules)
    {
        _rules = rules;
        _buckets = new Dictionary<string, Bucket>[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            _buckets[i] = new Dictionary<string, Bucket>(StringComparer.Ordinal);
        }
    }

    /// <summary>Alerts held (those matching the source side of at least one rule).</summary>
    public int Count => _sources.Count;

    /// <summary>Adds or replaces the alert (by fingerprint) in the buckets of every rule whose source it matches.</summary>
    public void Set(Alert alert)
    {
        var fp = alert.Fingerprint;
        var any = false;
        for (var i = 0; i < _rules.Count; i++)
        {
            var rule = _rules[i];
            if (!rule.MatchesSource(alert.Labels))
            {
                continue;
            }
            any = true;
            var key = rule.EqualKey(alert.Labels);
            if (!_buckets[i].TryGetValue(key, out var bucket))
            {
                bucket = new Bucket();
                _buckets[i][key] = bucket;
            }
            (rule.MatchesTarget(alert.Labels) ? bucket.TwoSided : bucket.SourceOnly)[fp] = alert;
        }
        if (any)
        {
            _sources[fp] = alert;
        }
    }

    public void Remove(Fingerprint fingerprint)
    {
        if (!_sources.Remove(fingerprint, out var alert))
        {
            return;
        }
        for (var i = 0; i < _rules.Count; i++)
        {
            var key = _rules[i].EqualKey(alert.Labels);
            if (_buckets[i].TryGetValue(key, out var bucket))
            {
                bucket.SourceOnly.Remove(fingerprint);
                bucket.TwoSided.Remove(fingerprint);
                if (bucket.IsEmpty)
                {
                    _buckets[i].Remove(key);
                }
            }
        }
    }

    /// <summary>Drops sources resolved at <paramref name="now"/> (Alertmanager's source cache GC).</summary>
    public void PruneResolved(DateTimeOffset now)
    {
        foreach (var fp in _sources.Where(p => p.Value.IsResolvedAt(now)).Select(p => p.Key).ToList())
        {
            Remove(fp);
        }
    }

    /// <summary>A firing source for <paramref name="target"/> under rule <paramref name="ruleIndex"/>, if any.</summary>
    internal Fingerprint? FindSource(int ruleIndex, LabelSet target, bool excludeTwoSided, DateTimeOffset now)
    {
        if (!_buckets[ruleIndex].TryGetValue(_rules[ruleIndex].EqualKey(target), out var bucket))
        {
            return null;
        }
        var found = FirstFiring(bucket.SourceOnly, now);
        if (found is null && !excludeTwoSided)
        {
            found = FirstFiring(bucket.TwoSided, now);
        }
        return found;
    }

    private static Fingerprint? FirstFiring(Dictionary<Fingerprint, Alert> alerts, DateTimeOffset now)
    {
        foreach (var (fp, alert) in alerts)
        {
            if (alert.IsFiringAt(now))
            {
                return fp;
            }
        }
        return null;
    }

    private sealed class Bucket
    {
        /// <summary>Sources that do not also match the rule's target side.</summary>
        public Dictionary<Fingerprint, Alert> SourceOnly { get; } = [];

        /// <summary>Sources that match the target side too; they never inhibit an alert that also matches both.</summary>
        public Dictionary<Fingerprint, Alert> TwoSided { get; } = [];

        public bool IsEmpty => SourceOnly.Count == 0 && TwoSided.Count == 0;
    }
}
