using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Actions;
using Vigil.Server.Hosting;
using Vigil.Server.Maintenance;
using Vigil.Server.Pools;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Drives running runs: one driver per run, which settles finished batches, starts the next step on the batch's hosts
/// (recorded before anything is done, so a restart resumes that step), runs it on each host at once and applies each
/// outcome as soon as it comes (a halt is handled at once, not after the batch's other hosts). At start it resumes
/// every run that was running. A run that throws is logged, counted on loop <c>plans</c>, and retried after a backoff.
/// In a cluster one node drives a run: the holder of its lease <c>plan-run/ID</c>. When that node dies another takes the
/// lease and resumes the run from its stored step (a step already asked of an agent is waited for, not asked again).
/// </summary>
internal sealed partial class PlanRunner(PlanRunService runs, StepExecutor executor, AgentActionService actions, PlanHalts halts, PlanWindowSync windowSync,
    PoolService pools, Cluster.LeaseBook leases, TimeProvider clock, ILogger<PlanRunner> logger) : BackgroundService
{
    public const string LeaseKind = "plan-run";

    /// <summary>How long a new run's driver waits for its lease before leaving the run to the node that holds it.</summary>
    private static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Task> _drivers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _again = new(StringComparer.Ordinal);
    private readonly RunLeaseWants _wants = new();
    private WakeSignal? _leaseChanged;
    private CancellationToken _stopping = CancellationToken.None;

    public LoopHealth Health { get; } = new("plans", logger);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _leaseChanged = new WakeSignal(clock);
        runs.Changed += run =>
        {
            // An open run (running, paused, halted) keeps its lease, so the node that drove it resumes it.
            WantRun(run.Id, !run.State.IsFinal());
            if (run.State == RunState.Running)
            {
                Ensure(run.Id);
            }
        };
        leases.Changed += () =>
        {
            _leaseChanged.Wake();
            // A run whose driver died with its node: resumed here once this node holds its lease.
            foreach (var id in leases.Held(LeaseKind))
            {
                Ensure(id);
            }
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var mark = _wants.Mark();
                var open = await runs.Store.OpenAsync(stoppingToken).ConfigureAwait(false);
                leases.Want(LeaseKind, _wants.Passed(mark, open.Select(r => r.Id)), balanced: false);
                foreach (var run in open.Where(r => r.State == RunState.Running))
                {
                    Ensure(run.Id);
                }
                Health.PassSucceeded(clock.GetUtcNow());
                // Runs are driven as they change; this pass only picks up runs started or resumed by another node (in a
                // cluster, soon enough that a dead driver's run is resumed within the node-loss time).
                await Task.Delay(leases.Shared ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10), clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                await Task.Delay(Health.PassFailed(e), clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void WantRun(string id, bool running)
    {
        if (_wants.Changed(id, running) is { } wanted)
        {
            leases.Want(LeaseKind, wanted, balanced: false);
        }
    }

    /// <summary>
    /// Whether this node drives the run now. Waits (woken by lease changes) while nobody holds its lease yet; false when
    /// another node drives it or the lease did not come within <see cref="LeaseWait"/>.
    /// </summary>
    private async Task<bool> DrivesAsync(string id, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + LeaseWait;
        while (!leases.Holds(LeaseKind, id))
        {
            if (leases.HeldElsewhere(LeaseKind, id) || clock.GetUtcNow() >= until)
            {
                return false;
            }
            await _leaseChanged!.WaitAsync(clock.GetUtcNow() + TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
        return true;
    }

    private void Ensure(string id)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        lock (_drivers)
        {
            if (_drivers.ContainsKey(id))
            {
                // The driver may be about to stop: it looks again before it does.
                _again.Add(id);
                return;
            }
            _drivers[id] = Task.Run(() => DriveAsync(id, _stopping));
        }
    }

    private async Task DriveAsync(string id, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var more = await DrivesAsync(id, ct).ConfigureAwait(false) && await StepOnceAsync(id, ct).ConfigureAwait(false);
                Health.ItemSucceeded(id, id);
                if (!more)
                {
                    lock (_drivers)
                    {
                        if (!_again.Remove(id))
                        {
                            _drivers.TryRemove(id, out _);
                            return;
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                await Task.Delay(Health.ItemFailed(id, id, e, clock.GetUtcNow()), clock, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the next step of the run on its hosts. False when the run has nothing to do (not running, or done).</summary>
    private async Task<bool> StepOnceAsync(string id, CancellationToken ct)
    {
        // Settling finished batches and starting the next step on every host of the batch are one write: at 50 hosts a
        // batch, a write per host (even combined) was most of a step's overhead in the 500-host benchmark.
        // The pools are read for the reload check while the step's start is written (not after: at 500 members a read
        // is a few ms on every step of a member the run took out), for the step this node's copy of the run says is
        // next. The write says which step it is; a wrong guess (another node's change) is read again.
        // Every earlier step of the batch has ended (and its HAProxy commands were answered): a pool read that started
        // from here on shows what they did, so the step's gates and waits may share one under way or done.
        var began = clock.GetTimestamp();
        var guess = Guess(id);
        var early = guess is { } g ? ReloadedAsync(g.Run, g.Work.Hosts, began, ct) : null;
        // The step's own first reads of its pools too (a gate's, a wait's): they may be any read made since `began`.
        var ahead = guess is { } next ? executor.ReadAheadAsync(next.Run, next.Work.Step, next.Work.Hosts, began) : null;
        try
        {
            return await StepAsync(id, began, guess, early, ct).ConfigureAwait(false);
        }
        finally
        {
            await Unused(ahead).ConfigureAwait(false);
        }
    }

    private async Task<bool> StepAsync(string id, long began, (PlanRun Run, RunWork Work)? guess, Task<Dictionary<string, Observation>>? early, CancellationToken ct)
    {
        RunWork? work = null;
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        // An agent step's requests are stored with its start (a write of their own per batch, and a note of each in the
        // run, were the first ~15–30 ms of every reboot step at 500 hosts), after the window's narrowing in the same
        // write (those stored as delivered to an agent's waiting poll are recorded after the window expects them), and
        // handed over or woken once the window expects them.
        var asked = new List<AgentAction>();
        // What the run's window expects from the hosts this step starts is written with the start too (a write of its own
        // after it was the next ~5–14 ms of every reboot step), so the agents are woken as soon as the start is stored.
        MaintenanceWindow? narrowed = null;
        PlanRun? run;
        try
        {
            run = await runs.ChangeAsync(id, r =>
            {
                var now = clock.GetUtcNow();
                var settled = RunRules.Settle(r, now) ?? new RunChange(r, []);
                work = RunRules.Next(settled.Next);
                // The rule may run again (another node's write): what it started is what its last application started.
                fresh.Clear();
                asked.Clear();
                narrowed = null;
                return work is null ? settled : StartAll(settled, work, now, fresh, asked);
            }, ct, (before, after) => Both(windowSync.Alongside(after, w => narrowed = w),
                asked.Count == 0 ? null : StoreAsked(before, [.. asked]))).ConfigureAwait(false);
        }
        catch
        {
            actions.Unmade(asked);
            await Unused(early).ConfigureAwait(false);
            throw;
        }
        // The window expects a host's HostDown before its agent is woken for the reboot, not after: the start's write
        // narrowed it (or found it narrowed), so the agents are woken now. (A long-poll that comes in meanwhile may take
        // the stored request; the reboot then still takes longer than this.) The sync then finds nothing to write unless
        // the window changed meanwhile.
        await windowSync.PublishAsync(narrowed, ct).ConfigureAwait(false);
        Woken(run, asked);
        var synced = windowSync.SyncAsync(run, ct);
        if (run is null || work is null || run.State != RunState.Running)
        {
            await Unused(early).ConfigureAwait(false);
            await synced.ConfigureAwait(false);
            return false;
        }
        var guessed = early is not null && guess!.Value.Work.Step == work.Step && guess.Value.Work.Hosts.SequenceEqual(work.Hosts);
        if (!guessed)
        {
            await Unused(early).ConfigureAwait(false);
        }
        // One read of each pool for the whole batch (not one per host: at 50 hosts that was two or three rounds of
        // reading 500 servers before every step of a member the run took out), while the window is brought in step.
        var reloading = guessed ? early! : ReloadedAsync(run, work.Hosts, began, ct);
        await synced.ConfigureAwait(false);
        var reloaded = await reloading.ConfigureAwait(false);
        await Task.WhenAll(work.Hosts.Select(host => RunHostAsync(id, run, work, host, fresh.Contains(host),
            PutBackByThisStep(run, work, fresh.Contains(host)) ? null : reloaded.GetValueOrDefault(host), began, ct))).ConfigureAwait(false);
        return true;
    }

    /// <summary>Lets a read that was started for a wrong guess finish, its outcome (or failure) unused.</summary>
    private static async Task Unused(Task? read)
    {
        if (read is not null)
        {
            await read.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The step this node's copy of the run has next, and the run settled as the next write will settle it.</summary>
    private (PlanRun Run, RunWork Work)? Guess(string id)
    {
        if (runs.Peek(id) is not { State: RunState.Running } cached)
        {
            return null;
        }
        var settled = RunRules.Settle(cached, clock.GetUtcNow())?.Next ?? cached;
        return settled.State == RunState.Running && RunRules.Next(settled) is { } work ? (settled, work) : null;
    }

    /// <summary>
    /// A <c>haproxy: ready</c> step that resumes (a node that drove the run died in it) may already have put the member
    /// back: finding it ready is then this run's own doing, not a reload, and the step goes on to wait for it to be up.
    /// </summary>
    private static bool PutBackByThisStep(PlanRun run, RunWork work, bool fresh) =>
        !fresh && run.Plan.Steps[work.Step] is { Kind: Plans.PlanStepKind.Haproxy, What: "ready" };

    private static Func<DbConnection, DbTransaction, Task>? Both(Func<DbConnection, DbTransaction, Task>? first, Func<DbConnection, DbTransaction, Task>? second) =>
        first is null ? second : second is null ? first : async (conn, tx) =>
        {
            await first(conn, tx).ConfigureAwait(false);
            await second(conn, tx).ConfigureAwait(false);
        };

    /// <summary>The write of requests made with a step's start, in the transaction that stores the start.</summary>
    private Func<DbConnection, DbTransaction, Task> StoreAsked(PlanRun run, AgentAction[] made) =>
        (conn, tx) => actions.StoreAsync(conn, tx, made, StepExecutor.CallerOf(run), CancellationToken.None);

    /// <summary>
    /// Hands the requests made with the step's start to their agents (or wakes their long-polls), once that start is stored
    /// (<paramref name="run"/> is what the write returned: null when there was no run to start it on).
    /// </summary>
    private void Woken(PlanRun? run, List<AgentAction> asked)
    {
        if (asked.Count == 0)
        {
            return;
        }
        if (run is not null)
        {
            actions.Made(asked);
        }
        else
        {
            actions.Unmade(asked);
        }
    }

    /// <summary>
    /// Starts the step on each host of the work (recording the boot id a host has before its first step); adds to
    /// <paramref name="fresh"/> the hosts whose step starts now rather than resumes, and to <paramref name="asked"/> the
    /// agent requests an agent step makes of them, noted on the step (<see cref="StepExecutor.Ask"/>).
    /// </summary>
    private RunChange StartAll(RunChange settled, RunWork work, DateTimeOffset now, HashSet<string> fresh, List<AgentAction> asked)
    {
        var next = settled.Next;
        var events = new List<RunEvent>(settled.Events);
        foreach (var host in work.Hosts)
        {
            var started = RunRules.Start(next, host, work.Step, now);
            if (started.Events.Count > 0)
            {
                fresh.Add(host);
            }
            events.AddRange(started.Events);
            next = started.Next;
            if (next.Find(host) is { BootBefore: null })
            {
                // What host_back and post_boot compare against when no reboot request recorded a boot id.
                next = RunRules.Note(next, host, work.Step, null, Boot(host), now);
            }
            if (started.Events.Count > 0 && executor.Ask(next, host, work.Step, now) is { } request)
            {
                next = RunRules.Note(next, host, work.Step, request.Id, request.AwaitsBoot ? request.BootIdBefore : null, now);
                asked.Add(request);
            }
        }
        return new RunChange(next, events);
    }

    private async Task RunHostAsync(string id, PlanRun run, RunWork work, string host, bool fresh, Observation? reloaded, long began, CancellationToken ct)
    {
        var context = new StepContext(run, run.Find(host)!, work.Step, work.Hosts,
            (action, boot) => runs.ChangeAsync(id, r => new RunChange(RunRules.Note(r, host, work.Step, action, boot, clock.GetUtcNow()), []), ct))
        {
            StartedNow = fresh,
            ReadSince = began,
        };
        LogStep(id, host, work.Step + 1, run.Plan.Steps[work.Step].ToString());
        var seen = reloaded ?? await executor.RunAsync(context, ct).ConfigureAwait(false);
        var after = await runs.ChangeAsync(id, r => RunRules.Apply(r, host, work.Step, seen, clock.GetUtcNow()), ct).ConfigureAwait(false);
        if (after is null || after.State != RunState.Running || after.Find(host) is not { } h || h.Failed || h.NextStep >= after.Plan.Steps.Count)
        {
            // The host left the part of the run the window expects it down in (its last step, a failure, a halt).
            await windowSync.SyncAsync(after, ct).ConfigureAwait(false);
        }
        if (after is { State: RunState.Halted, Halt: { } halt } && halt.Host == host && halt.Step == work.Step)
        {
            await halts.HandleAsync(after, ct).ConfigureAwait(false);
        }
    }

    private string? Boot(string host) => executor.BootOf(host);

    /// <summary>
    /// A member this run took out (its latest HAProxy step was drain or maint) that HAProxy shows ready again was not put
    /// back by Vigil: HAProxy was reloaded without <c>server-state-file</c>. Never trusted: the step fails, so the run
    /// halts. Read once per pool for the hosts of the batch, right before their step.
    /// </summary>
    private async Task<Dictionary<string, Observation>> ReloadedAsync(PlanRun run, IReadOnlyList<string> hosts, long began, CancellationToken ct)
    {
        var found = new Dictionary<string, Observation>(StringComparer.Ordinal);
        var takenOut = new List<(string Host, string SetTo, Pool Pool, PoolMember Member)>();
        foreach (var host in hosts)
        {
            var last = run.Find(host)!.Results.LastOrDefault(r => r.Status == StepStatus.Passed && run.Plan.Steps[r.Step].Kind == Plans.PlanStepKind.Haproxy);
            if (last is not null && run.Plan.Steps[last.Step].What is "drain" or "maint" && executor.PoolOf(run, host) is { } pm)
            {
                takenOut.Add((host, run.Plan.Steps[last.Step].What, pm.Pool, pm.Member));
            }
        }
        foreach (var pool in takenOut.GroupBy(t => t.Pool.Name))
        {
            var report = await pools.ReadAsync(pool.First().Pool, ct, began).ConfigureAwait(false);
            foreach (var t in pool)
            {
                if (PlanGates.NotPutBack(report, t.Member, t.SetTo) is { } failed)
                {
                    found[t.Host] = failed;
                }
            }
        }
        return found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan run {Id}: {Host} step {Step} ({Name})")]
    private partial void LogStep(string id, string host, int step, string name);
}
