namespace Vigil.Server.Plans.Runs;

/// <summary>
/// The pure rules of plan runs: what runs next, and what an observation or a person's command does to a run.
/// Halting is the default: a failed step beyond <c>max_fail</c> (counted across the whole plan) halts, a step without
/// data pauses for a person (never passes), and after a halt nothing proceeds until a person retries, skips or aborts.
/// </summary>
public static class RunRules
{
    /// <summary>A new run of <paramref name="plan"/> over <paramref name="hosts"/> (resolved, in order), cut into batches by <c>serial</c>.</summary>
    public static RunChange Create(string id, PlanDefinition plan, IReadOnlyList<string> hosts, string startedBy, DateTimeOffset now)
    {
        var sizes = plan.Serial.Batches(hosts.Count);
        var runs = new List<HostRun>(hosts.Count);
        var at = 0;
        for (var b = 0; b < sizes.Count; b++)
        {
            for (var i = 0; i < sizes[b]; i++)
            {
                runs.Add(new HostRun(hosts[at++], b, []));
            }
        }
        var run = new PlanRun
        {
            Id = id, Plan = plan, State = hosts.Count == 0 ? RunState.Succeeded : RunState.Running, Hosts = HostPositions.WithPositions(runs), BatchCount = sizes.Count,
            StartedBy = startedBy, CreatedAt = now, UpdatedAt = now,
        };
        var batches = string.Join(", ", sizes);
        return new RunChange(run, [RunEvent.Of(id, now, "created", $"plan {plan.Name} over {hosts.Count} host(s) in {sizes.Count} batch(es) [{batches}], started by {startedBy}")]);
    }

    /// <summary>What a running run needs next; null when it is not running or has nothing left (see <see cref="Settle"/>).</summary>
    public static RunWork? Next(PlanRun run)
    {
        if (run.State != RunState.Running || run.Batch >= run.BatchCount)
        {
            return null;
        }
        var active = run.InBatch(run.Batch).Where(h => !h.Failed && h.NextStep < run.Plan.Steps.Count).ToList();
        if (active.Count == 0)
        {
            return null;
        }
        var step = active.Min(h => h.NextStep);
        return new RunWork(run.Batch, step, [.. active.Where(h => h.NextStep == step).Select(h => h.Host)]);
    }

    /// <summary>Moves a running run past finished batches, and to <see cref="RunState.Succeeded"/> after the last. Null when nothing changes.</summary>
    public static RunChange? Settle(PlanRun run, DateTimeOffset now)
    {
        if (run.State != RunState.Running)
        {
            return null;
        }
        var events = new List<RunEvent>();
        var batch = run.Batch;
        while (batch < run.BatchCount && run.InBatch(batch).All(h => h.Failed || h.NextStep >= run.Plan.Steps.Count))
        {
            batch++;
            if (batch < run.BatchCount)
            {
                events.Add(RunEvent.Of(run.Id, now, "batch_started", $"batch {batch + 1} of {run.BatchCount}: {string.Join(", ", run.InBatch(batch).Select(h => h.Host))}"));
            }
        }
        if (batch == run.Batch)
        {
            return null;
        }
        var done = batch >= run.BatchCount;
        if (done)
        {
            events.Add(RunEvent.Of(run.Id, now, "succeeded", run.FailCount == 0 ? "every host ran every step" : $"done; {run.FailCount} host(s) failed within max_fail {run.Plan.MaxFail}"));
        }
        return new RunChange(run with { Batch = batch, State = done ? RunState.Succeeded : RunState.Running, UpdatedAt = now }, events);
    }

    /// <summary>Step <paramref name="step"/> starts on <paramref name="host"/> (or resumes: a result already running is kept, with its action).</summary>
    public static RunChange Start(PlanRun run, string host, int step, DateTimeOffset now)
    {
        var h = run.Find(host) ?? throw new ArgumentException($"run {run.Id} has no host {host}", nameof(host));
        if (h.Last is { Status: StepStatus.Running } running && running.Step == step)
        {
            return new RunChange(run, []);
        }
        var results = h.Results.Where(r => r.Step != step).Append(new StepResult(step, StepStatus.Running, now, null, "")).ToList();
        return new RunChange(Replace(run, h with { Results = results }, now),
            [RunEvent.Of(run.Id, now, "step_started", run.Plan.Steps[step].ToString(), host, step)]);
    }

    /// <summary>Records what the step it runs set in motion (an agent action request, the boot id before a reboot).</summary>
    public static PlanRun Note(PlanRun run, string host, int step, string? actionId, string? bootBefore, DateTimeOffset now)
    {
        var h = run.Find(host)!;
        var results = h.Results.Select(r => r.Step == step && r.Status == StepStatus.Running && actionId is not null ? r with { ActionId = actionId } : r).ToList();
        return Replace(run, h with { Results = results, BootBefore = bootBefore ?? h.BootBefore }, now);
    }

    /// <summary>
    /// The outcome of step <paramref name="step"/> on <paramref name="host"/>. Passed moves the host on; inconclusive pauses
    /// the run; failed counts the host as failed and halts once more hosts failed than <c>max_fail</c> allows (else
    /// the host stays out and runs nothing more). An outcome for a step that is no longer running changes nothing.
    /// </summary>
    public static RunChange Apply(PlanRun run, string host, int step, Observation seen, DateTimeOffset now)
    {
        var h = run.Find(host) ?? throw new ArgumentException($"run {run.Id} has no host {host}", nameof(host));
        if (h.Last is not { Status: StepStatus.Running } last || last.Step != step)
        {
            return new RunChange(run, []);
        }
        var status = seen.Verdict switch { Verdict.Passed => StepStatus.Passed, Verdict.Failed => StepStatus.Failed, _ => StepStatus.Inconclusive };
        var result = last with { Status = status, EndedAt = now, Reason = seen.Reason, Failures = seen.Failures ?? [] };
        var name = run.Plan.Steps[step].ToString();
        var events = new List<RunEvent> { RunEvent.Of(run.Id, now, "step_" + status.ToString().ToLowerInvariant(), $"{name}: {seen.Reason}", host, step) };
        var next = Replace(run, h with { Results = [.. h.Results.Take(h.Results.Count - 1), result] }, now);
        if (seen.Verdict == Verdict.Inconclusive && !run.State.IsFinal())
        {
            var why = $"{host} {name}: no data to decide ({seen.Reason})";
            next = next with { State = RunState.Paused, PauseReason = why };
            events.Add(RunEvent.Of(run.Id, now, "paused", why, host, step));
        }
        else if (seen.Verdict == Verdict.Failed)
        {
            var fails = run.FailCount + 1;
            if (run.State.IsFinal() || fails <= run.Plan.MaxFail)
            {
                next = Replace(next with { FailCount = fails }, next.Find(host)! with { Failed = true }, now);
                events.Add(RunEvent.Of(run.Id, now, "host_failed", $"{host} failed ({fails} of max_fail {run.Plan.MaxFail}); it stays out and runs no further step", host, step));
            }
            else
            {
                next = next with { FailCount = fails, State = RunState.Halted, Halt = new RunHalt(host, step, seen.Reason, seen.Failures ?? [], now), PauseReason = null };
                events.Add(RunEvent.Of(run.Id, now, "halted", $"{host} {name}: {seen.Reason}", host, step));
            }
        }
        return new RunChange(next, events);
    }

    /// <summary>A person's command: pause, resume, retry, skip or abort. The problem (for a 409) when it does not apply now.</summary>
    public static (RunChange? Change, string? Problem) Command(PlanRun run, RunCommand command, string by, DateTimeOffset now)
    {
        if (run.State.IsFinal())
        {
            return (null, $"run {run.Id} is {run.State.Name()}: nothing more can be done to it");
        }
        var ev = (string kind, string detail, string? host, int? step) => RunEvent.Of(run.Id, now, kind, $"{detail} by {by}", host, step);
        switch (command)
        {
            case RunCommand.Pause when run.State == RunState.Running:
                return (new RunChange(run with { State = RunState.Paused, PauseReason = $"paused by {by}", UpdatedAt = now }, [ev("paused", "paused", null, null)]), null);
            case RunCommand.Resume when run.State == RunState.Paused:
                return (new RunChange(run with { State = RunState.Running, PauseReason = null, UpdatedAt = now }, [ev("resumed", "resumed", null, null)]), null);
            case RunCommand.Abort:
                return (new RunChange(run with { State = RunState.Aborted, PauseReason = null, UpdatedAt = now }, [ev("aborted", "aborted", null, null)]), null);
            case RunCommand.Retry or RunCommand.Skip when run.State == RunState.Halted && run.Halt is { } halt:
                return (AfterHalt(run, halt, command == RunCommand.Skip, by, now), null);
            case RunCommand.Pause:
                return (null, $"run {run.Id} is {run.State.Name()}, not running: only a running run can be paused");
            case RunCommand.Resume:
                return (null, run.State == RunState.Halted
                    ? $"run {run.Id} is halted at {run.Halt?.Host} {Step(run, run.Halt?.Step)}: retry, skip or abort it"
                    : $"run {run.Id} is {run.State.Name()}, not paused");
            default:
                return (null, $"run {run.Id} is {run.State.Name()}, not halted: only a halted run can be retried or skipped");
        }
    }

    private static RunChange AfterHalt(PlanRun run, RunHalt halt, bool skip, string by, DateTimeOffset now)
    {
        var h = run.Find(halt.Host)!;
        var results = skip
            ? h.Results.Select(r => r.Step == halt.Step && r.Status == StepStatus.Failed ? r with { Status = StepStatus.Skipped, Reason = $"skipped by {by} after: {r.Reason}" } : r).ToList()
            : h.Results.Where(r => !(r.Step == halt.Step && r.Status == StepStatus.Failed)).ToList();
        var next = Replace(run with { State = RunState.Running, Halt = null, FailCount = run.FailCount - 1 }, h with { Results = results }, now);
        var kind = skip ? "skipped" : "retried";
        return new RunChange(next, [RunEvent.Of(run.Id, now, kind, $"{halt.Host} {Step(run, halt.Step)} {kind} by {by}", halt.Host, halt.Step)]);
    }

    private static string Step(PlanRun run, int? step) => step is { } s && s < run.Plan.Steps.Count ? run.Plan.Steps[s].ToString() : "";

    private static PlanRun Replace(PlanRun run, HostRun host, DateTimeOffset now) =>
        run with { Hosts = HostPositions.Replaced(run.Hosts, host), UpdatedAt = now };
}
