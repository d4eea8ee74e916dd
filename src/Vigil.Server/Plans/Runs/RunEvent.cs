namespace Vigil.Server.Plans.Runs;

/// <summary>
/// One thing that happened to a run, as stored for its event stream and for an incident's timeline: a step's start
/// or outcome, a halt, a state change, a page. <see cref="Seq"/> is assigned by the store (0 before).
/// </summary>
public sealed record RunEvent(long Seq, string RunId, DateTimeOffset At, string Kind, string? Host, int? Step, string Detail)
{
    public static RunEvent Of(string runId, DateTimeOffset at, string kind, string detail, string? host = null, int? step = null) =>
        new(0, runId, at, kind, host, step, detail);
}
