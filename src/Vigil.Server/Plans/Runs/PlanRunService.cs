using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Vigil.Server.Audit;
using Vigil.Server.Hosts;
using Vigil.Server.Maintenance;
using Vigil.Server.Pools;
using Vigil.Server.Security;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// The intent API of plan runs: start one (resolving its hosts, opening its window), read runs and their events, and
/// apply a person's command. Every change of a run goes through <see cref="ChangeAsync"/>: under a per-run lock on
/// this node, written over the version it was made from (another node's change makes it read again), then announced.
/// </summary>
internal sealed partial class PlanRunService(
    PlanRunStore store, PoolService pools, HostService hosts, WindowEditor windows, PlanWindowSync windowSync, AuditLog audit, Config.ConfigHolder config, TimeProvider clock, ILogger<PlanRunService> logger)
{
    public const string AuditType = "plan_run";

    private RunWriter? _writer;

    public RunSignals Signals { get; } = new();

    /// <summary>Raised after a run was created or changed on this node (the runner drives running ones).</summary>
    public event Action<PlanRun>? Changed;

    public PlanRunStore Store => store;

    /// <summary>The plan's hosts, in order: the pool's members, the listed hosts, or the known hosts whose name matches.</summary>
    public (IReadOnlyList<string>? Hosts, string? Problem) Resolve(PlanDefinition plan)
    {
        var resolved = PlanHosts.Resolve(plan, pools.Pools, hosts.All.Select(h => h.Host));
        return resolved.Problem is { } problem ? (null, "hosts: " + problem) : (resolved.Hosts, null);
    }

    public async Task<RunCreation> StartAsync(PlanDefinition plan, Caller caller, CancellationToken ct)
    {
        var (resolved, problem) = Resolve(plan);
        if (resolved is null)
        {
            return RunCreation.Refused(400, problem!);
        }
        var now = clock.GetUtcNow();
        var created = RunRules.Create("run-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), plan, resolved, caller.Identity, now);
        var run = created.Next;
        var events = created.Events.ToList();
        if (plan.Window is { } w)
        {
            var length = PlanLength.Expected(plan, run.BatchCount, config.Current.Maintenance.MaxLength);
            var outcome = await windows.CreateAsync(PlanWindowRules.Draft(run, w, resolved, length), caller, ct).ConfigureAwait(false);
            if (outcome.Window is not { } window)
            {
                return new RunCreation(null, outcome.Status, $"window: {outcome.Error}") { Extra = outcome.Problem };
            }
            run = run with { WindowId = window.Id };
            events.Add(RunEvent.Of(run.Id, now, "window_opened", $"maintenance window {window.Id} over {resolved.Count} host(s) for {PlanLength.Text(length)}, watcher {w.Watcher}"));
        }
        // The window opens expecting the reboot signals of every host (a window expects at least one selector); the run's
        // insert narrows it to what the run expects now (nothing, until a host reboots) in the same write.
        MaintenanceWindow? narrowed = null;
        var narrowing = windowSync.Alongside(run, w => narrowed = w);
        await store.InsertAsync(new RunChange(run, events), ct, async (conn, tx) =>
        {
            await audit.AppendAsync(conn, tx, caller, "start", AuditType, run.Id, null, PlanRunJson.Text(run), ct).ConfigureAwait(false);
            if (narrowing is not null)
            {
                await narrowing(conn, tx).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        await windowSync.PublishAsync(narrowed, ct).ConfigureAwait(false);
        LogStarted(run.Id, plan.Name, resolved.Count, caller.Identity);
        // Its first step starts from this copy (still checked against the stored version), not from reading 500 hosts back.
        Writer.Remember(run with { Version = 1 });
        Announce(run with { Version = 1 });
        await windowSync.SyncAsync(run with { Version = 1 }, ct).ConfigureAwait(false);
        return new RunCreation(run with { Version = 1 }, 201, null);
    }

    /// <summary>
    /// The run as stored: this node's last written copy while it is the stored version (one integer read says so; another
    /// node may drive the run too), else the run read again. A 500-host run is 500 rows to read and decode, and the API's
    /// GET and each event stream (<c>vigil plan status --follow</c>) ask for it often while it runs.
    /// </summary>
    public async Task<PlanRun?> GetAsync(string id, CancellationToken ct) =>
        Writer.Peek(id) is { } held && await store.VersionAsync(id, ct).ConfigureAwait(false) == held.Version
            ? held
            : await store.GetAsync(id, ct).ConfigureAwait(false);

    /// <summary>A person's command, audited. The run after it, or 404/409 with the reason.</summary>
    public async Task<(PlanRun? Run, int Status, string? Problem)> CommandAsync(string id, RunCommand command, Caller caller, CancellationToken ct)
    {
        string? problem = null;
        var found = false;
        var changed = await ChangeAsync(id, run =>
        {
            found = true;
            var (change, why) = RunRules.Command(run, command, caller.Identity, clock.GetUtcNow());
            problem = why;
            return change;
        }, ct, (before, after) => (conn, tx) => audit.AppendAsync(conn, tx, caller, command.ToString().ToLowerInvariant(), AuditType, id,
            PlanRunJson.Text(before), PlanRunJson.Text(after), ct)).ConfigureAwait(false);
        if (!found)
        {
            return (null, 404, $"no plan run '{id}'");
        }
        if (changed is null)
        {
            return (null, 409, problem);
        }
        LogCommand(id, command.ToString().ToLowerInvariant(), caller.Identity);
        await windowSync.SyncAsync(changed, ct).ConfigureAwait(false);
        return (changed, 200, null);
    }

    /// <summary>
    /// Applies <paramref name="rule"/> to the run and stores the change over the version it was made from, combined with
    /// the changes other hosts of the run make at the same moment (<see cref="RunWriter"/>). Null when there is no such
    /// run or the rule changes nothing.
    /// </summary>
    public Task<PlanRun?> ChangeAsync(string id, Func<PlanRun, RunChange?> rule, CancellationToken ct,
        Func<PlanRun, PlanRun, Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task>?>? alongside = null) =>
        Writer.ChangeAsync(id, rule, ct, alongside);

    /// <summary>The run as this node last stored it, if it holds a copy (see <see cref="RunWriter.Peek"/>).</summary>
    public PlanRun? Peek(string id) => Writer.Peek(id);

    private RunWriter Writer
    {
        get
        {
            if (Volatile.Read(ref _writer) is { } w)
            {
                return w;
            }
            var made = new RunWriter(store);
            made.Stored += Announce;
            return Interlocked.CompareExchange(ref _writer, made, null) ?? made;
        }
    }

    /// <summary>Records events that change nothing in the run (a page sent, a member kept out).</summary>
    public async Task NoteAsync(string id, IReadOnlyList<RunEvent> events, CancellationToken ct)
    {
        await store.AddEventsAsync(events, ct).ConfigureAwait(false);
        Signals.Changed(id);
    }

    private void Announce(PlanRun run)
    {
        Signals.Changed(run.Id);
        Changed?.Invoke(run);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan run {Id}: plan {Plan} over {Hosts} host(s) started by {Caller}")]
    private partial void LogStarted(string id, string plan, int hosts, string caller);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan run {Id}: {Command} by {Caller}")]
    private partial void LogCommand(string id, string command, string caller);
}
