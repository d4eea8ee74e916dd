namespace Vigil.Server.Plans.Runs;

/// <summary>
/// What executing one step on one host needs: the run as it is, the host, the step, the hosts of the batch moving
/// with it (a gate counts them all as leaving), and how to note what the step set in motion before it finishes.
/// </summary>
public sealed record StepContext(PlanRun Run, HostRun Host, int Step, IReadOnlyList<string> Batch, Func<string?, string?, Task> NoteAsync)
{
    public PlanStep Definition => Run.Plan.Steps[Step];

    public StepResult Current => Host.Last!;

    /// <summary>
    /// The step started in this pass of this node's runner (not resumed after a restart or taken over): nothing it sets
    /// in motion can exist yet, so an agent step need not look for a request made before. False unless told.
    /// </summary>
    public bool StartedNow { get; init; }

    /// <summary>
    /// When this node began the step on the batch, after every earlier step had ended (a timestamp of the clock): the
    /// step's gate and first wait read of the pool may be a read under way that started since then (one read for the
    /// batch's hosts rather than one per arrival). Null: a read that starts when asked.
    /// </summary>
    public long? ReadSince { get; init; }

    /// <summary>The reason an agent action request carries: names the run and the attempt, so a restart finds a request it already made.</summary>
    public string ActionReason => ReasonFor(Run, Step, Current.StartedAt);

    /// <summary>The <see cref="ActionReason"/> of step <paramref name="step"/> of <paramref name="run"/> started at <paramref name="startedAt"/>.</summary>
    public static string ReasonFor(PlanRun run, int step, DateTimeOffset startedAt) =>
        $"plan {run.Plan.Name} run {run.Id} step {step + 1} ({run.Plan.Steps[step]}) attempt {startedAt.ToUnixTimeMilliseconds()}";
}
