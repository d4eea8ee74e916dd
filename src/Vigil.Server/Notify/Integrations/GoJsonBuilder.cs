using System.Text;
using Vigil.Server.Notify.Webhook;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// Writes a JSON object the way Go's <c>json.NewEncoder(w).Encode(struct)</c> does: fields in the order the caller
/// writes them (Go's declaration order), <c>omitempty</c> fields left out when empty, map keys sorted, Go's escaping
/// (<see cref="GoJson.String"/>) and the encoder's trailing newline. Integrations call it in their struct's field order.
/// </summary>
internal sealed class GoJsonBuilder
{
    private readonly StringBuilder _sb = new();
    private readonly Stack<bool> _first = new();

    public GoJsonBuilder Open()
    {
        _sb.Append('{');
        _first.Push(true);
        return this;
    }

    public GoJsonBuilder Close()
    {
        _sb.Append('}');
        _first.Pop();
        return this;
    }

    /// <summary>Starts a nested object under <paramref name="name"/>; end it with <see cref="Close"/>.</summary>
    public GoJsonBuilder Object(string name)
    {
        Name(name);
        return Open();
    }

    /// <summary>A string field; with <paramref name="omitEmpty"/>, an empty value is left out.</summary>
    public GoJsonBuilder String(string name, string? value, bool omitEmpty = false)
    {
        if (omitEmpty && string.IsNullOrEmpty(value))
        {
            return this;
        }
        Name(name);
        GoJson.String(_sb, value ?? "");
        return this;
    }

    /// <summary>A literal JSON value (<c>null</c>, a number) under <paramref name="name"/>.</summary>
    public GoJsonBuilder Raw(string name, string json)
    {
        Name(name);
        _sb.Append(json);
        return this;
    }

    /// <summary>A <c>map[string]string</c>: keys sorted; null is <c>null</c>, or left out with <paramref name="omitEmpty"/> (so is an empty map).</summary>
    public GoJsonBuilder Map(string name, IReadOnlyDictionary<string, string>? map, bool omitEmpty = false)
    {
        if (omitEmpty && (map is null || map.Count == 0))
        {
            return this;
        }
        Name(name);
        if (map is null)
        {
            _sb.Append("null");
            return this;
        }
        WriteMap(map);
        return this;
    }

    private void WriteMap(IReadOnlyDictionary<string, string> map)
    {
        _sb.Append('{');
        var first = true;
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            _sb.Append(first ? "" : ",");
            first = false;
            GoJson.String(_sb, key);
            _sb.Append(':');
            GoJson.String(_sb, map[key]);
        }
        _sb.Append('}');
    }

    /// <summary>A <c>[]string</c>; null is <c>null</c>, or left out with <paramref name="omitEmpty"/> (so is an empty list).</summary>
    public GoJsonBuilder Strings(string name, IReadOnlyList<string>? values, bool omitEmpty = false) =>
        Array(name, values, (b, v) => GoJson.String(b._sb, v), omitEmpty);

    /// <summary>A list of objects, each written by <paramref name="item"/> between <see cref="Open"/> and <see cref="Close"/>.</summary>
    public GoJsonBuilder Objects<T>(string name, IReadOnlyList<T>? values, Action<GoJsonBuilder, T> item, bool omitEmpty = false) =>
        Array(name, values, (b, v) =>
        {
            b.Open();
            item(b, v);
            b.Close();
        }, omitEmpty);

    /// <summary>A top-level <c>map[string]string</c> as the encoder writes it: keys sorted, trailing newline.</summary>
    public static string EncodeMap(IReadOnlyDictionary<string, string> map)
    {
        var builder = new GoJsonBuilder();
        builder.WriteMap(map);
        return builder.Encode();
    }

    /// <summary>The encoded object with the encoder's trailing newline.</summary>
    public string Encode() => _sb.ToString() + "\n";

    public override string ToString() => _sb.ToString();

    private GoJsonBuilder Array<T>(string name, IReadOnlyList<T>? values, Action<GoJsonBuilder, T> item, bool omitEmpty)
    {
        if (omitEmpty && (values is null || values.Count == 0))
        {
            return this;
        }
        Name(name);
        if (values is null)
        {
            _sb.Append("null");
            return this;
        }
        _sb.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            _sb.Append(i == 0 ? "" : ",");
            item(this, values[i]);
        }
        _sb.Append(']');
        return this;
    }

    private void Name(string name)
    {
        if (!_first.Pop())
        {
            _sb.Append(',');
        }
        _first.Push(false);
        GoJson.String(_sb, name);
        _sb.Append(':');
    }
}
