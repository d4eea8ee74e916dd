namespace Vigil.Drill.Scenarios;

/// <summary>
/// Vigil's guardrails, each on or off (<c>policy</c>), so a drill compares "as it happened" with "with Vigil":
/// silence limits and approval of customer-impact silences, window scoping (a window mutes only what it expects,
/// and re-raises what it muted at its end), plan gates, post-boot verification.
/// </summary>
internal sealed record PolicyToggles(bool SilenceGuardrails, bool WindowScoping, bool PlanGates, bool PostBootVerification)
{
    public static readonly PolicyToggles AllOn = new(true, true, true, true);
    public static readonly PolicyToggles AllOff = new(false, false, false, false);
}
