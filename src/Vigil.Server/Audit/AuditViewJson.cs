using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Vigil.Contracts.Agents;
using Vigil.Server.Actions;
using Vigil.Server.Plans.Runs;

namespace Vigil.Server.Audit;

/// <summary>
/// The spelling of the API views that audit records keep as their before/after text (agent actions, plan runs), and
/// that the plan-run endpoints answer with: the contracts' spelling, with these views' shapes generated at compile
/// time. A plan batch writes one such text per host and change; built by reflection, the first of each was tens of ms
/// inside the batch's first steps (and the first answer with a run, its start's own, as much again beside them).
/// </summary>
internal static class AuditViewJson
{
    public static JsonSerializerOptions Options { get; } = new(ContractJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(AuditViewJsonContext.Default, ContractJson.Options.TypeInfoResolver),
    };
}

[JsonSerializable(typeof(ActionJson.ActionView))]
[JsonSerializable(typeof(PlanRunJson.RunView))]
[JsonSerializable(typeof(List<PlanRunJson.RunView>))]
[JsonSerializable(typeof(PlanRunJson.EventView))]
internal sealed partial class AuditViewJsonContext : JsonSerializerContext;
