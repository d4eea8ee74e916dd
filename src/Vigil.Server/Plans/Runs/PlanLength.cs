using System.Globalization;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// How long a run is expected to take, for the window it opens: every batch runs every step to its timeout (a wait's
/// duration), plus a minute per batch for gates and HAProxy commands; never longer than <c>maintenance.max_length</c>.
/// </summary>
public static class PlanLength
{
    public static TimeSpan Expected(PlanDefinition plan, int batches, TimeSpan max)
    {
        var perBatch = TimeSpan.FromMinutes(1);
        foreach (var step in plan.Steps)
        {
            perBatch += step.Kind switch
            {
                PlanStepKind.Agent => step.Timeout ?? (step.What == "reboot" ? PlanStepDefaults.HostBack : PlanStepDefaults.AgentAction),
                PlanStepKind.Wait => step.Duration ?? step.Timeout ?? step.What switch
                {
                    "drained" => PlanStepDefaults.Drained,
                    "host_back" => PlanStepDefaults.HostBack,
                    _ => PlanStepDefaults.HaproxyUp,
                },
                PlanStepKind.Verify => step.Timeout ?? PlanStepDefaults.Verify,
                PlanStepKind.Webhook => step.Timeout ?? PlanStepDefaults.Webhook,
                _ => TimeSpan.Zero,
            };
        }
        var total = perBatch * Math.Max(1, batches);
        return total > max ? max : total;
    }

    /// <summary>In whole seconds, as a Prometheus duration (<c>5400s</c>).</summary>
    public static string Text(TimeSpan length) => ((long)Math.Ceiling(length.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
}
