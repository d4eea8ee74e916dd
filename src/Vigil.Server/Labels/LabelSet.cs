using System.Collections;
using System.Text;

namespace Vigil.Server.Labels;

/// <summary>
/// An immutable set of label pairs, sorted by name (ordinal), with its fingerprint computed once.
/// Empty values are dropped on construction, as Alertmanager drops them before validating.
/// </summary>
public sealed class LabelSet : IReadOnlyList<KeyValuePair<string, string>>, IEquatable<LabelSet>
{
    public static readonly LabelSet Empty = new([]);

    private readonly KeyValuePair<string, string>[] _pairs;

    private ulong _fingerprint;
    private bool _hashed;

    private LabelSet(KeyValuePair<string, string>[] sortedPairs)
    {
        _pairs = sortedPairs;
    }

    /// <summary>Computed on first use and cached (annotations use this type too and rarely need it).</summary>
    public Fingerprint Fingerprint
    {
        get
        {
            if (!_hashed)
            {
                _fingerprint = ComputeFingerprint(_pairs).Value;
                _hashed = true;
            }
            return new Fingerprint(_fingerprint);
        }
    }

    public int Count => _pairs.Length;

    public KeyValuePair<string, string> this[int index] => _pairs[index];

    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> pairs) => From(pairs, keepEmptyValues: false);

    /// <summary>Annotations keep empty values; labels drop them.</summary>
    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> pairs, bool keepEmptyValues)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var p in pairs)
        {
            if (p.Value is null || (!keepEmptyValues && p.Value.Length == 0))
            {
                continue;
            }
            list.Add(p);
        }
        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        // Later duplicates win, as a JSON object's last key would.
        for (var i = list.Count - 1; i > 0; i--)
        {
            if (list[i].Key == list[i - 1].Key)
            {
                list.RemoveAt(i - 1);
            }
        }
        return list.Count == 0 ? Empty : new LabelSet([.. list]);
    }

    public static LabelSet Of(params (string Name, string Value)[] pairs) =>
        From(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    public string? Get(string name)
    {
        var lo = 0;
        var hi = _pairs.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(_pairs[mid].Key, name);
            if (c == 0)
            {
                return _pairs[mid].Value;
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return null;
    }

    /// <summary>The value of <paramref name="name"/>, or "" when absent (Prometheus' convention).</summary>
    public string ValueOrEmpty(string name) => Get(name) ?? "";

    public bool Contains(string name) => Get(name) is not null;

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public LabelSet With(string name, string value) =>
        From(_pairs.Where(p => p.Key != name).Append(new KeyValuePair<string, string>(name, value)));

    /// <summary>Only the named labels (those present).</summary>
    public LabelSet Only(IEnumerable<string> names)
    {
        var keep = new HashSet<string>(names, StringComparer.Ordinal);
        return From(_pairs.Where(p => keep.Contains(p.Key)));
    }

    public Dictionary<string, string> ToDictionary() =>
        _pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Prometheus' LabelSet.String(): <c>{a="1", b="2"}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < _pairs.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            sb.Append(_pairs[i].Key).Append('=');
            GoQuote.Append(sb, _pairs[i].Value);
        }
        return sb.Append('}').ToString();
    }

    public bool Equals(LabelSet? other)
    {
        if (other is null || other.Fingerprint != Fingerprint || other._pairs.Length != _pairs.Length)
        {
            return false;
        }
        for (var i = 0; i < _pairs.Length; i++)
        {
            if (!string.Equals(_pairs[i].Key, other._pairs[i].Key, StringComparison.Ordinal) ||
                !string.Equals(_pairs[i].Value, other._pairs[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode() => Fingerprint.Value.GetHashCode();

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    private static Fingerprint ComputeFingerprint(KeyValuePair<string, string>[] pairs)
    {
        var h = Fnv64.Offset;
        foreach (var p in pairs)
        {
            h = Fnv64.AddString(h, p.Key);
            h = Fnv64.AddByte(h, Fnv64.Separator);
            h = Fnv64.AddString(h, p.Value);
            h = Fnv64.AddByte(h, Fnv64.Separator);
        }
        return new Fingerprint(h);
    }
}
