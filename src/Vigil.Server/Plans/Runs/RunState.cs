namespace Vigil.Server.Plans.Runs;

/// <summary>Where a plan run is. <see cref="Succeeded"/> and <see cref="Aborted"/> are final.</summary>
public enum RunState
{
    /// <summary>Steps are being run.</summary>
    Running,

    /// <summary>Stopped between steps: by a person, or because a step could not get data (inconclusive).</summary>
    Paused,

    /// <summary>A step failed beyond <c>max_fail</c>: nothing proceeds until a person retries, skips or aborts.</summary>
    Halted,

    /// <summary>Every host ran every step (or failed within <c>max_fail</c>).</summary>
    Succeeded,

    /// <summary>A person stopped the run for good.</summary>
    Aborted,
}

public static class RunStates
{
    public static string Name(this RunState state) => state.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out RunState state) => Enum.TryParse(text, ignoreCase: true, out state) && !int.TryParse(text, out _);

    public static bool IsFinal(this RunState state) => state is RunState.Succeeded or RunState.Aborted;
}
