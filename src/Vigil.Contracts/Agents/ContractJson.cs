using System.Text.Json;

namespace Vigil.Contracts.Agents;

/// <summary>The JSON spelling of the agent contracts, the same on both ends: camelCase, unknown members refused.</summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };
}
