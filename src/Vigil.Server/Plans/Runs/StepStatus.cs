namespace Vigil.Server.Plans.Runs;

/// <summary>What became of one step on one host.</summary>
public enum StepStatus
{
    /// <summary>Started, no outcome yet (a restart resumes it without repeating what already took effect).</summary>
    Running,

    /// <summary>The gate passed, the action took effect, the wait was satisfied or the verification passed.</summary>
    Passed,

    /// <summary>The gate refused, the action failed, the wait timed out or the verification failed.</summary>
    Failed,

    /// <summary>No data to decide (HAProxy or alerts unreadable, no report): the run paused for a person.</summary>
    Inconclusive,

    /// <summary>A person skipped it after a halt.</summary>
    Skipped,
}
