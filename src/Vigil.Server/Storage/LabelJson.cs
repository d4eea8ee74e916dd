using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Server.Labels;

namespace Vigil.Server.Storage;

/// <summary>Label sets as a JSON object (<c>{"alertname":"X"}</c>) in the snapshot tables.</summary>
internal static class LabelJson
{
    public static string Write(LabelSet labels)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in labels)
            {
                writer.WriteString(pair.Key, pair.Value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static LabelSet Read(string json, bool keepEmptyValues)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            var name = reader.GetString()!;
            reader.Read();
            pairs.Add(new KeyValuePair<string, string>(name, reader.GetString() ?? ""));
        }
        return LabelSet.From(pairs, keepEmptyValues);
    }
}
