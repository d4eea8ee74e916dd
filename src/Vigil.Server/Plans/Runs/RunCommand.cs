namespace Vigil.Server.Plans.Runs;

/// <summary>What a person can do to a run (<c>POST /api/v1/plans/runs/{id}/…</c>, <c>vigil plan …</c>).</summary>
public enum RunCommand
{
    /// <summary>Stop between steps (the step in flight finishes).</summary>
    Pause,

    /// <summary>Go on after a pause (a step that had no data runs again).</summary>
    Resume,

    /// <summary>After a halt: run the failed step again on the failed host.</summary>
    Retry,

    /// <summary>After a halt: count the failed step as done and go on with the next.</summary>
    Skip,

    /// <summary>Stop for good; nothing more is done (what is out of the pool stays out).</summary>
    Abort,
}
