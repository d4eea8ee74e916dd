namespace Vigil.Server.Plans.Runs;

/// <summary>How a step ended, as its executor saw it.</summary>
public enum Verdict
{
    /// <summary>Gate passed, action applied, wait satisfied, verification passed.</summary>
    Passed,

    /// <summary>Gate refused, action failed or refused, wait timed out, verification failed.</summary>
    Failed,

    /// <summary>No data to decide: never a pass.</summary>
    Inconclusive,
}

/// <summary>What executing one step on one host observed, with the sentence that explains it and, on failure, each failing check.</summary>
public sealed record Observation(Verdict Verdict, string Reason, IReadOnlyList<string>? Failures = null)
{
    public static Observation Pass(string reason) => new(Verdict.Passed, reason);

    public static Observation Fail(string reason, IReadOnlyList<string>? failures = null) => new(Verdict.Failed, reason, failures);

    public static Observation NoData(string reason) => new(Verdict.Inconclusive, reason);
}
