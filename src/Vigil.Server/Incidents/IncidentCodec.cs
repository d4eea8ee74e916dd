using System.Text.Json;

namespace Vigil.Server.Incidents;

/// <summary>The JSON text of the <c>roles</c> and <c>corrections</c> columns.</summary>
internal static class IncidentCodec
{
    public static string Roles(IReadOnlyDictionary<string, string> roles) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(roles.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, string> Roles(string text) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(text) ?? [];

    public static string Corrections(IReadOnlyDictionary<TimeField, DateTimeOffset> corrections) =>
        JsonSerializer.Serialize(corrections.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.Name(), kv => kv.Value.ToUnixTimeMilliseconds()));

    public static IReadOnlyDictionary<TimeField, DateTimeOffset> Corrections(string text)
    {
        var result = new Dictionary<TimeField, DateTimeOffset>();
        foreach (var (name, ms) in JsonSerializer.Deserialize<Dictionary<string, long>>(text) ?? [])
        {
            if (TimeFields.TryParse(name, out var field))
            {
                result[field] = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }
        return result;
    }
}
