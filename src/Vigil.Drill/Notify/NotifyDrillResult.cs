namespace Vigil.Drill.Notify;

/// <summary>What a drill predicted, and how each expectation fared.</summary>
internal sealed record NotifyDrillResult(
    NotifyDrill Drill,
    IReadOnlyList<PredictedNotification> Notifications,
    IReadOnlyList<HeldBack> HeldBack,
    IReadOnlyList<ExpectationResult> Expectations)
{
    public bool AllMet => Expectations.All(e => e.Met);
}

/// <summary>Whether <see cref="Expectation"/> was met; if not, <see cref="Instead"/> says what happened around it.</summary>
internal sealed record ExpectationResult(Expectation Expectation, bool Met, string? Instead);
