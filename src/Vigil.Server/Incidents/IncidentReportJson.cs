using System.Text.Json.Nodes;

namespace Vigil.Server.Incidents;

/// <summary>The JSON of <c>GET /api/v1/incidents/{id}/impact</c> and <c>GET /api/v1/analytics/incidents</c>.</summary>
internal static class IncidentReportJson
{
    public static JsonObject Impact(ImpactReport r) => new()
    {
        ["from"] = r.From,
        ["to"] = r.To,
        ["checks"] = r.Checks,
        ["series"] = new JsonArray([.. r.Series.Select(p => (JsonNode)new JsonObject { ["minute"] = p.Minute, ["failingShare"] = Round(p.FailingShare) })]),
        ["peak"] = Round(r.Peak),
        ["customerMinutes"] = Round(r.CustomerMinutes),
    };

    public static JsonObject Analytics(IncidentAnalyticsReport r) => new()
    {
        ["from"] = r.From,
        ["to"] = r.To,
        ["incidents"] = r.Incidents,
        ["open"] = r.Open,
        ["bySeverity"] = new JsonObject(r.BySeverity.OrderBy(kv => kv.Key).Select(kv => KeyValuePair.Create(kv.Key.Name(), (JsonNode?)kv.Value))),
        ["mttd"] = Mean(r.TimeToDetect),
        ["mtta"] = Mean(r.TimeToAcknowledge),
        ["mttm"] = Mean(r.TimeToMitigate),
        ["mttr"] = Mean(r.TimeToResolve),
        ["customerMinutes"] = Round(r.CustomerMinutes),
        ["vendorDeadlinesMissed"] = r.VendorDeadlinesMissed,
    };

    private static JsonObject Mean(MeanTime m) => new()
    {
        ["seconds"] = m.Mean is { } t ? Math.Round(t.TotalSeconds, 3) : null,
        ["incidents"] = m.Incidents,
    };

    // Six decimals: enough for any share or minute count, without 0.30000000000000004 in the answer.
    private static double Round(double v) => Math.Round(v, 6);
}
