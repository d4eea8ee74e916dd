using System.Text.Json.Serialization;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>Alertmanager API v2 <c>postableAlert</c> as it arrives on the wire (upstream field names).
/// Unknown fields (newer Alertmanager versions add some) are ignored.</summary>
internal sealed class PostableAlert
{
    [JsonPropertyName("labels")]
    public Dictionary<string, string?>? Labels { get; set; }

    [JsonPropertyName("annotations")]
    public Dictionary<string, string?>? Annotations { get; set; }

    [JsonPropertyName("startsAt")]
    public DateTimeOffset? StartsAt { get; set; }

    [JsonPropertyName("endsAt")]
    public DateTimeOffset? EndsAt { get; set; }

    [JsonPropertyName("generatorURL")]
    public string? GeneratorUrl { get; set; }
}

[JsonSerializable(typeof(List<PostableAlert>))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, AllowTrailingCommas = false)]
internal sealed partial class AlertmanagerJsonContext : JsonSerializerContext;
