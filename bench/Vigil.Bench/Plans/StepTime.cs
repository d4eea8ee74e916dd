using System.Text.Json.Nodes;

namespace Vigil.Bench.Plans;

/// <summary>One step on one host as <c>GET /api/v1/plans/runs/{id}</c> shows it: the per-step results with times.</summary>
internal sealed record StepTime(string Host, int Batch, int Step, string Name, string Status, DateTimeOffset Started, DateTimeOffset Ended)
{
    /// <summary>The agent action the step asked for, if any.</summary>
    public string? ActionId { get; init; }

    public double Ms => (Ended - Started).TotalMilliseconds;

    /// <summary>Every ended step of every host of the run, in the run's host order then step order.</summary>
    public static List<StepTime> Of(JsonNode run) =>
    [
        .. run["hosts"]!.AsArray().SelectMany(h => h!["results"]!.AsArray()
            .Where(r => r!["endedAt"] is not null)
            .Select(r => new StepTime(h!["host"]!.ToString(), (int)h["batch"]!, (int)r!["step"]!, r["name"]!.ToString(), r["status"]!.ToString(),
                DateTimeOffset.Parse(r["startedAt"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(r["endedAt"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture))
            {
                ActionId = r["actionId"]?.ToString(),
            })),
    ];

    /// <summary>
    /// The engine's gap before each step: from the moment the batch's previous step ended on its last host (the previous
    /// batch's last step for a batch's first step; the run's creation for the very first) to this step's start.
    /// </summary>
    public static Dictionary<StepTime, double> Gaps(IReadOnlyList<StepTime> steps, DateTimeOffset created)
    {
        var ends = steps.GroupBy(s => (s.Batch, s.Step)).ToDictionary(g => g.Key, g => g.Max(s => s.Ended));
        var lastStep = steps.Max(s => s.Step);
        var gaps = new Dictionary<StepTime, double>();
        foreach (var s in steps)
        {
            var before = s.Step > 0 ? ends.GetValueOrDefault((s.Batch, s.Step - 1), created)
                : s.Batch > 1 ? ends.GetValueOrDefault((s.Batch - 1, lastStep), created) : created;
            gaps[s] = (s.Started - before).TotalMilliseconds;
        }
        return gaps;
    }
}
