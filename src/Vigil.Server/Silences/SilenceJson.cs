using System.Text.Json.Nodes;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Silences;

/// <summary>Vigil's native view of a silence (<c>/api/v1/silences</c> and the audit log's before/after).</summary>
internal static class SilenceJson
{
    public static JsonObject ToJson(Silence s, DateTimeOffset now, CustomerImpactLabel customer, IReadOnlyList<Alert>? heldBack = null)
    {
        var o = new JsonObject
        {
            ["id"] = s.Id,
            ["matchers"] = new JsonArray([.. s.Matchers.Select(m => JsonValue.Create(m.ToString()))]),
            ["startsAt"] = s.StartsAt,
            ["endsAt"] = s.EndsAt,
            ["updatedAt"] = s.UpdatedAt,
            ["state"] = SilenceRules.WireName(SilenceRules.StateAt(s, now)),
            ["createdBy"] = s.CreatedBy,
            ["comment"] = s.Comment,
            ["createdByIdentity"] = s.CreatorIdentity,
            ["approval"] = new JsonObject
            {
                ["required"] = SilenceRules.NeedsApproval(s, customer),
                ["approvedBy"] = s.ApprovedBy,
                ["approvedAt"] = s.ApprovedAt,
            },
        };
        if (heldBack is not null)
        {
            o["heldBack"] = new JsonArray([.. heldBack.Select(a => (JsonNode)AlertJson(a, customer))]);
        }
        return o;
    }

    public static JsonObject AlertJson(Alert a, CustomerImpactLabel customer) => new()
    {
        ["fingerprint"] = a.Fingerprint.ToString(),
        ["labels"] = Labels(a.Labels),
        ["startsAt"] = a.StartsAt,
        ["customerImpact"] = customer.IsOn(a.Labels),
    };

    private static JsonObject Labels(LabelSet labels)
    {
        var o = new JsonObject();
        foreach (var (k, v) in labels)
        {
            o[k] = v;
        }
        return o;
    }
}
