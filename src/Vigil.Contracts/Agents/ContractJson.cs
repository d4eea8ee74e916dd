using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Vigil.Contracts.Agents;

/// <summary>The JSON spelling of the agent contracts, the same on both ends: camelCase, unknown members refused.</summary>
public static class ContractJson
{
    // The contracts' shapes are generated at compile time (built by reflection, each was tens of ms the first time a
    // process used it: an agent's first request, the server's first action of a plan); other types are found by reflection.
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}

/// <summary>The agent contracts' shapes (the options above add the spelling).</summary>
[JsonSerializable(typeof(ActionPoll))]
[JsonSerializable(typeof(ActionRequest))]
[JsonSerializable(typeof(ActionReport))]
[JsonSerializable(typeof(ActionReportAccepted))]
[JsonSerializable(typeof(AgentReport))]
[JsonSerializable(typeof(AgentReportAccepted))]
[JsonSerializable(typeof(AgentTokenCreated))]
[JsonSerializable(typeof(AgentTokenRequest))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
