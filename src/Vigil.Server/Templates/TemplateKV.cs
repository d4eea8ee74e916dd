using System.Text;

namespace Vigil.Server.Templates;

/// <summary>
/// Alertmanager's template.KV (a map of labels or annotations): <c>.SortedPairs</c> (alertname first, then by name),
/// <c>.Names</c>, <c>.Values</c>, <c>.Remove</c>; any other <c>.key</c> reads the entry ("" when absent).
/// </summary>
internal sealed class TemplateKV : ITemplateObject, IGoPrintable
{
    private readonly Dictionary<string, string> _entries;
    private string[]? _sortedKeys;

    public TemplateKV(IEnumerable<KeyValuePair<string, string>> entries) => _entries = new Dictionary<string, string>(entries, StringComparer.Ordinal);

    public static TemplateKV Empty => new([]);

    public int Count => _entries.Count;

    public string this[string key] => _entries.TryGetValue(key, out var v) ? v : "";

    public string GoTypeName => "template.KV";

    /// <summary>Keys in byte order, as Go sorts map keys when printing or ranging.</summary>
    public string[] SortedKeys => _sortedKeys ??= [.. _entries.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyDictionary<string, string> Entries => _entries;

    public TemplatePairs SortedPairs()
    {
        var pairs = new TemplatePairs(_entries.Count);
        if (_entries.TryGetValue("alertname", out var name))
        {
            pairs.Add(new TemplatePair("alertname", name));
        }
        foreach (string key in SortedKeys)
        {
            if (key != "alertname")
            {
                pairs.Add(new TemplatePair(key, _entries[key]));
            }
        }
        return pairs;
    }

    public TemplateKV Remove(IReadOnlyList<string>? keys)
    {
        var drop = new HashSet<string>(keys ?? [], StringComparer.Ordinal);
        return new TemplateKV(_entries.Where(e => !drop.Contains(e.Key)));
    }

    public TemplateMember Member(string name) => name switch
    {
        "SortedPairs" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => SortedPairs())),
        "Names" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => SortedPairs().Names())),
        "Values" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => SortedPairs().Values())),
        "Remove" => TemplateMember.Call(TemplateFunction.Of(name, [GoType.StringSlice], a => Remove((IReadOnlyList<string>?)a[0]))),
        _ => TemplateMember.MapKey(this[name]),
    };

    public void AppendV(StringBuilder sb)
    {
        sb.Append("map[");
        bool first = true;
        foreach (string key in SortedKeys)
        {
            if (!first)
            {
                sb.Append(' ');
            }
            first = false;
            sb.Append(key).Append(':').Append(_entries[key]);
        }
        sb.Append(']');
    }
}
