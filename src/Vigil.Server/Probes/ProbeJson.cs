using System.Text.Json.Nodes;
using Vigil.Server.Labels;

namespace Vigil.Server.Probes;

/// <summary>The wire shape of a probe's status in <c>/api/v1/probes</c>.</summary>
internal static class ProbeJson
{
    public static JsonObject View(ProbeStatus s)
    {
        var d = s.Definition;
        var state = s.LastResult is null && s.Health.Up ? "unknown" : s.Health.Up ? "up" : "down";
        return new JsonObject
        {
            ["name"] = d.Name,
            ["kind"] = d.Kind,
            ["target"] = d.Target,
            ["state"] = s.Error is null ? state : "error",
            ["since"] = s.Since,
            ["interval"] = d.Interval.TotalSeconds,
            ["timeout"] = d.Timeout.TotalSeconds,
            ["fall"] = d.Fall,
            ["rise"] = d.Rise,
            ["consecutiveFailures"] = s.Health.Failures,
            ["consecutiveSuccesses"] = s.Health.Successes,
            ["labels"] = Labels(d.Labels),
            ["lastRunAt"] = s.LastRunAt,
            ["nextRunAt"] = s.NextRunAt,
            ["lastResult"] = s.LastResult is { } r ? new JsonObject
            {
                ["success"] = r.Success,
                ["durationSeconds"] = r.Duration.TotalSeconds,
                ["reason"] = r.Reason,
                ["certificateExpiry"] = r.CertExpiry,
            } : null,
            ["lastFailure"] = s.LastFailure,
            ["alertFiring"] = s.AlertFiring,
            ["runsHere"] = s.RunsHere,
            ["error"] = s.Error,
        };
    }

    private static JsonObject Labels(LabelSet labels) => new([.. labels.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]);
}
