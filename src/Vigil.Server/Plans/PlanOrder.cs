namespace Vigil.Server.Plans;

/// <summary>
/// The orders of steps Vigil refuses (pure): each leaves a host where nobody wants it if the plan went on as written.
/// Found in plans that "worked" until the day they did not: the seed's reboot went back into service with its data
/// volume missing because nothing checked the boot before the host took traffic again.
/// </summary>
internal static class PlanOrder
{
    public static void Check(IReadOnlyList<PlanStep> steps, Action<int, string> error, Action<int, string> warning)
    {
        var lastReboot = -1;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var later = steps.Skip(i + 1).ToList();
            if (IsReboot(step))
            {
                lastReboot = i;
                if (!later.Any(s => s is { Kind: PlanStepKind.Wait, What: "host_back" }))
                {
                    error(i, "a reboot nobody waits for: add '- wait: host_back' after it, or the next steps run while the host is still going down");
                }
            }
            if (step is { Kind: PlanStepKind.Haproxy, What: "drain" or "maint" } && !later.Any(s => s is { Kind: PlanStepKind.Haproxy, What: "ready" }))
            {
                error(i, $"the host would stay out of its pool: add '- haproxy: ready' after {step}");
            }
            if (step is { Kind: PlanStepKind.Haproxy, What: "ready" } && lastReboot >= 0
                && !steps.Skip(lastReboot + 1).Take(i - lastReboot - 1).Any(s => s is { Kind: PlanStepKind.Verify, What: "post_boot" }))
            {
                warning(i, $"puts the host back in its pool after the reboot of steps[{lastReboot}] without '- verify: post_boot' in between: "
                    + "a host that came back broken (a volume not mounted) would take traffic");
            }
        }
    }

    private static bool IsReboot(PlanStep step) => step is { Kind: PlanStepKind.Agent, What: "reboot" };
}
