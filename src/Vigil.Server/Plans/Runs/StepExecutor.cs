using System.Globalization;
using System.Text;
using Vigil.Server.Actions;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Hosts;
using Vigil.Server.Oncall;
using Vigil.Server.Pools;
using Vigil.Server.Probes;
using Vigil.Server.Security;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Runs one step on one host against the live world and says what it saw. Everything is read afresh (HAProxy at every
/// gate and wait, the host's latest report, the alerts now); nothing is assumed. Resuming a step after a restart
/// repeats nothing that took effect: an agent request already made is waited for, not made again; HAProxy states
/// are set idempotently.
/// </summary>
internal sealed class StepExecutor(
    PoolService pools, HostService hosts, AgentActionService actions, AlertState alerts, ProbeScheduler probes,
    IOnCallLookup oncall, ConfigHolder config, HttpClient http, TimeProvider clock)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly MinHealthyJudgements _minHealthy = new();

    public async Task<Observation> RunAsync(StepContext c, CancellationToken ct)
    {
        var step = c.Definition;
        return step.Kind switch
        {
            PlanStepKind.Gate => await GateAsync(c, step.What, ct).ConfigureAwait(false),
            PlanStepKind.Haproxy => await HaproxyAsync(c, step.What, ct).ConfigureAwait(false),
            PlanStepKind.Agent => await AgentAsync(c, ct).ConfigureAwait(false),
            PlanStepKind.Wait => await WaitAsync(c, ct).ConfigureAwait(false),
            PlanStepKind.Verify => await VerifyAsync(c, ct).ConfigureAwait(false),
            PlanStepKind.Webhook => await WebhookAsync(c, ct).ConfigureAwait(false),
            _ => Observation.Fail($"unknown step kind {step.Kind}"),
        };
    }

    /// <summary>The pool the host is a member of: the plan's pool when it names one, else the first pool that has it.</summary>
    public (Pool Pool, PoolMember Member)? PoolOf(PlanRun run, string host)
    {
        var candidates = run.Plan.Targets.Pool is { } name && pools.Find(name) is { } named ? [named] : pools.Pools;
        return candidates.Select(p => (Pool: p, Member: p.Members.FirstOrDefault(m => m.Host == host))).FirstOrDefault(x => x.Member is not null) is { Member: not null } found
            ? (found.Pool, found.Member) : null;
    }

    /// <summary>
    /// Starts the pool reads that step <paramref name="step"/> makes first on <paramref name="hosts"/> (its gate's, or its
    /// wait's first look), for the runner to start while it stores the step's start. They start after every earlier step of
    /// the batch ended (<paramref name="since"/>), which is all those reads ask of a read they share, so the step's hosts
    /// find them under way or done: at 500 members a read of HAProxy takes ~5 ms, and the start's write as long. The read
    /// is the judged one (<see cref="PoolService.ReadAsync"/>), which the runner's reload check shares and whose reading of
    /// the instances a wait's first look takes.
    /// </summary>
    public Task ReadAheadAsync(PlanRun run, int step, IReadOnlyList<string> hosts, long since)
    {
        if (run.Plan.Steps[step] is not ({ Kind: PlanStepKind.Gate, What: "pool_min_healthy" } or { Kind: PlanStepKind.Wait, What: "drained" or "haproxy_up" }))
        {
            return Task.CompletedTask;
        }
        var read = hosts.Select(h => PoolOf(run, h)?.Pool).OfType<Pool>().DistinctBy(p => p.Name, StringComparer.Ordinal);
        return Task.WhenAll(read.Select(p => pools.ReadAsync(p, CancellationToken.None, since)));
    }

    /// <summary>The host's boot id as last reported; null before its first report.</summary>
    public string? BootOf(string host) => hosts.Get(host)?.BootId;

    public async Task<Observation> GateAsync(StepContext c, string what, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (what)
        {
            case "pool_min_healthy":
                if (PoolOf(c.Run, c.Host.Host) is not { } pm)
                {
                    return Observation.Fail($"{c.Host.Host} is a member of no pool");
                }
                var report = await pools.ReadAsync(pm.Pool, ct, c.ReadSince).ConfigureAwait(false);
                return _minHealthy.Judge(report, c.Batch);
            case "no_firing":
                return PlanGates.NoFiring(alerts.All, c.Definition.Matchers, c.Definition.HostScoped ? c.Host.Host : null, now);
            case "oncall":
                return PlanGates.OnCall(c.Run, config.Current.Maintenance.WatcherSchedule, oncall, now);
            default:
                return Observation.Fail($"unknown gate {what}");
        }
    }

    private async Task<Observation> HaproxyAsync(StepContext c, string what, CancellationToken ct)
    {
        if (PoolOf(c.Run, c.Host.Host) is not { } pm)
        {
            return Observation.Fail($"{c.Host.Host} is a member of no pool");
        }
        var outcome = what switch
        {
            "drain" => await pools.DrainAsync(pm.Pool, pm.Member, ct).ConfigureAwait(false),
            "maint" => await pools.MaintAsync(pm.Pool, pm.Member, ct).ConfigureAwait(false),
            _ => await pools.ReadyAsync(pm.Pool, pm.Member, ct).ConfigureAwait(false),
        };
        if (outcome.Succeeded)
        {
            return Observation.Pass(outcome.Describe());
        }
        var unreachable = outcome.Instances.Any(i => i.Error is { Kind: RuntimeErrorKind.Unreachable or RuntimeErrorKind.Timeout });
        return unreachable ? Observation.NoData(outcome.Describe()) : Observation.Fail(outcome.Describe());
    }

    /// <summary>
    /// The request an agent step makes of <paramref name="host"/>'s agent, prepared to be stored with the step's start
    /// (<see cref="AgentActionService.Prepare"/>); null when it would be refused, which the step then asks to hear why.
    /// </summary>
    public AgentAction? Ask(PlanRun run, string host, int step, DateTimeOffset startedAt) =>
        run.Plan.Steps[step] is { Kind: PlanStepKind.Agent } s ? actions.Prepare(host, s.What, StepContext.ReasonFor(run, step, startedAt), CallerOf(run), startedAt) : null;

    /// <summary>Who a run's changes elsewhere (agent requests, its window) are made by.</summary>
    public static Caller CallerOf(PlanRun run) => new($"plan-run:{run.Id}", Scope.Admin, "");

    private async Task<Observation> AgentAsync(StepContext c, CancellationToken ct)
    {
        var name = c.Definition.What;
        // Asked with the step's start (PlanRunner), unless the request would be refused or the step started before that was so.
        var id = c.Current.ActionId;
        Task? noting = null;
        if (id is null)
        {
            // A resumed step may have asked before the restart (such a request is stored before the run notes it).
            var earlier = c.StartedNow ? null : (await actions.ListAsync(c.Host.Host, 50, ct).ConfigureAwait(false)).FirstOrDefault(a => a.Reason == c.ActionReason);
            if (earlier is null)
            {
                var made = await actions.RequestAsync(c.Host.Host, name, c.ActionReason, null, CallerOf(c.Run), ct).ConfigureAwait(false);
                if (made.Action is null)
                {
                    return made.Status == 404 ? Observation.NoData(made.Problem!) : Observation.Fail(made.Problem!);
                }
                earlier = made.Action;
            }
            id = earlier.Id;
            // Noted while the agent takes it (the request is already stored, and found by its reason after a restart);
            // the note is in the run before the step's outcome, which is written after it.
            noting = c.NoteAsync(id, earlier.AwaitsBoot ? earlier.BootIdBefore : null);
        }
        var timeout = c.Definition.Timeout ?? PlanStepDefaults.AgentAction;
        var left = c.Current.StartedAt + timeout - clock.GetUtcNow();
        var action = await actions.WaitAsync(id, a => Done(a), left > TimeSpan.Zero ? left : TimeSpan.Zero, ct).ConfigureAwait(false);
        if (noting is not null)
        {
            await noting.ConfigureAwait(false);
        }
        return action switch
        {
            null => Observation.Fail($"agent action {id} is gone"),
            { State: ActionState.Succeeded } => Observation.Pass($"agent action {name} ({id}) succeeded{(action.NewBootId is { } b ? $": new boot {b}" : "")}"),
            { AwaitsBoot: true, State: ActionState.Running } => Observation.Pass($"agent of {c.Host.Host} is running {name} ({id})"),
            { State: ActionState.Refused } => Observation.Fail($"the agent of {c.Host.Host} refused {name} ({id}): {action.Refusal}: {action.Detail}", [$"refused: {action.Refusal}: {action.Detail}"]),
            { State: ActionState.Failed } => Observation.Fail($"agent action {name} ({id}) failed{(action.ExitCode is { } e ? $" with exit code {e}" : "")}: {action.Detail}",
                action.Output is { Length: > 0 } o ? [o] : null),
            { State: ActionState.Expired } => Observation.Fail($"agent action {name} ({id}) expired before the agent of {c.Host.Host} took it up"),
            _ => Observation.Fail($"agent action {name} ({id}) is still {action.State.Name()} after {Seconds(timeout)}"),
        };
    }

    private static bool Done(AgentAction a) => a.State.IsFinished() || (a.AwaitsBoot && a.State == ActionState.Running);

    private async Task<Observation> WaitAsync(StepContext c, CancellationToken ct)
    {
        var step = c.Definition;
        var elapsed = clock.GetUtcNow() - c.Current.StartedAt;
        switch (step.What)
        {
            case "drained" or "haproxy_up":
                if (PoolOf(c.Run, c.Host.Host) is not { } pm)
                {
                    return Observation.Fail($"{c.Host.Host} is a member of no pool");
                }
                var drained = step.What == "drained";
                var timeout = Left(step.Timeout ?? (drained ? PlanStepDefaults.Drained : PlanStepDefaults.HaproxyUp), elapsed);
                var outcome = drained
                    ? await pools.WaitDrainedAsync(pm.Pool, pm.Member, timeout, ct, c.ReadSince).ConfigureAwait(false)
                    : await pools.WaitUpAsync(pm.Pool, pm.Member, timeout, ct, c.ReadSince).ConfigureAwait(false);
                return outcome.Result switch
                {
                    WaitResult.Done => Observation.Pass(outcome.Reason),
                    WaitResult.TimedOut => Observation.Fail(outcome.Reason),
                    _ => Observation.NoData(outcome.Reason),
                };
            case "host_back":
                var back = await PollAsync(() => hosts.Get(c.Host.Host) is { } h && h.BootId != c.Host.BootBefore ? h : null,
                    Left(step.Timeout ?? PlanStepDefaults.HostBack, elapsed), ct, OnReport(c.Host.Host), c.Host.Host).ConfigureAwait(false);
                return back is not null
                    ? Observation.Pass($"{c.Host.Host} reported with a new boot id {back.BootId}")
                    : Observation.Fail($"{c.Host.Host} made no report with a new boot id within {Seconds(step.Timeout ?? PlanStepDefaults.HostBack)}");
            default:
                var duration = step.Duration ?? step.Timeout ?? TimeSpan.Zero;
                await ClockDeadline.DelayUntilAsync(clock, c.Current.StartedAt + duration, ct).ConfigureAwait(false);
                return Observation.Pass($"waited {Seconds(duration)}");
        }
    }

    private async Task<Observation> VerifyAsync(StepContext c, CancellationToken ct)
    {
        var step = c.Definition;
        var timeout = Left(step.Timeout ?? PlanStepDefaults.Verify, clock.GetUtcNow() - c.Current.StartedAt);
        switch (step.What)
        {
            case "post_boot":
                var seen = await PollAsync(() => PlanGates.PostBoot(hosts.Get(c.Host.Host), c.Host.BootBefore), timeout, ct, OnReport(c.Host.Host), c.Host.Host).ConfigureAwait(false);
                return seen ?? Observation.NoData($"no report from {c.Host.Host} after a new boot within {Seconds(step.Timeout ?? PlanStepDefaults.Verify)}");
            case "probe":
                var since = c.Current.StartedAt;
                var probe = await PollAsync(() => probes.Get(step.Probe ?? "") is { } p && p.LastRunAt >= since && p.Health.Up && p.Health.Successes >= p.Definition.Rise ? p : null,
                    timeout, ct).ConfigureAwait(false);
                if (probe is not null)
                {
                    return Observation.Pass($"probe {step.Probe} up for {probe.Health.Successes} consecutive run(s)");
                }
                return probes.Get(step.Probe ?? "") is { } last
                    ? Observation.Fail($"probe {step.Probe} not up for {last.Definition.Rise} consecutive runs within {Seconds(step.Timeout ?? PlanStepDefaults.Verify)}", last.LastFailure is { Length: > 0 } f ? [f] : null)
                    : Observation.Fail($"no probe {step.Probe} in probes:");
            default:
                return PlanGates.NoFiring(alerts.All, step.Matchers, step.HostScoped ? c.Host.Host : null, clock.GetUtcNow());
        }
    }

    private async Task<Observation> WebhookAsync(StepContext c, CancellationToken ct)
    {
        var step = c.Definition;
        var body = (step.Body ?? "").Replace("{{ plan }}", c.Run.Plan.Name, StringComparison.Ordinal).Replace("{{ run }}", c.Run.Id, StringComparison.Ordinal)
            .Replace("{{ host }}", c.Host.Host, StringComparison.Ordinal).Replace("{{ step }}", step.ToString(), StringComparison.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(step.Timeout ?? PlanStepDefaults.Webhook);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, body.TrimStart().StartsWith('{') ? "application/json" : "text/plain");
            using var response = await http.PostAsync(step.Url, content, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? Observation.Pass($"POST {step.Url}: {(int)response.StatusCode}")
                : Observation.Fail($"POST {step.What}: {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return Observation.Fail($"POST {step.Url}: {(e is OperationCanceledException ? "no answer within " + Seconds(step.Timeout ?? PlanStepDefaults.Webhook) : e.Message)}");
        }
    }

    // What a host report changes is seen when the report is applied, not at the next poll (up to 100 ms later: most of
    // host_back's and post_boot's engine overhead in the 500-host benchmark).
    // Only the waited-for host's reports: see HostService.NextReportOf.
    private Func<Task> OnReport(string host) => () => hosts.NextReportOf(host);

    /// <summary>Reads until <paramref name="read"/> has a value or <paramref name="timeout"/> passes; every 100 ms, and at once when <paramref name="wake"/>'s task completes.</summary>
    /// <param name="host">In a cluster, the host whose row is read again once a second (its agent may report to another node).</param>
    private async Task<T?> PollAsync<T>(Func<T?> read, TimeSpan timeout, CancellationToken ct, Func<Task>? wake = null, string? host = null) where T : class
    {
        var deadline = clock.GetUtcNow() + timeout;
        var refreshed = DateTimeOffset.MinValue;
        while (true)
        {
            var woken = wake?.Invoke();
            if (host is not null && clock.GetUtcNow() - refreshed >= TimeSpan.FromSeconds(1))
            {
                refreshed = clock.GetUtcNow();
                await hosts.RefreshAsync([host], ct).ConfigureAwait(false);
            }
            if (read() is { } value)
            {
                return value;
            }
            if (clock.GetUtcNow() >= deadline)
            {
                return null;
            }
            if (woken is null)
            {
                await Task.Delay(Poll, clock, ct).ConfigureAwait(false);
                continue;
            }
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var poll = Task.Delay(Poll, clock, cts.Token);
            await Task.WhenAny(woken, poll).ConfigureAwait(false);
            await cts.CancelAsync().ConfigureAwait(false);
            await poll.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ct.ThrowIfCancellationRequested();
        }
    }

    private static TimeSpan Left(TimeSpan total, TimeSpan elapsed) => total > elapsed ? total - elapsed : TimeSpan.Zero;

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
