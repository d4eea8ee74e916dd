using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vigil.Contracts.Agents;
using Vigil.Server.Audit;
using Vigil.Server.Config;
using Vigil.Server.Hosts;
using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Actions;

/// <summary>
/// The intent API of agent actions: ask a host's agent for an allow-listed action (<see cref="RequestAsync"/>), read
/// and wait for what became of it, and the agent's side of the channel (<see cref="TakeAsync"/>, <see cref="ReportAsync"/>).
/// Every change is stored with its history and an audit record in one transaction (on SQLite shared with the changes
/// made at the same moment: <see cref="Database.WriteGroupedAsync{T}"/>), then announced (<see cref="Changed"/>).
/// A request made while its host's agent waits in a long-poll on this node is handed to that poll by the write that
/// stores it (stored as delivered, given to the poll once committed), not by a write of the poll's own after a wake-up.
/// </summary>
public sealed partial class AgentActionService(
    Database db,
    ActionStore store,
    ActionSigner signer,
    AuditLog audit,
    HostService hosts,
    ConfigHolder config,
    TimeProvider clock,
    ILogger<AgentActionService> logger)
{
    private const string AuditType = "agent_action";
    private static readonly TimeSpan Reread = TimeSpan.FromSeconds(2);
    private readonly ActionSignals _signals = new(clock);

    private readonly PollHandOvers _handOvers = new();

    /// <summary>Raised after a request was made or changed (on the node that changed it).</summary>
    public event Action<AgentAction>? Changed;

    public ActionsOptions Options => config.Current.AgentActions;

    /// <summary>
    /// Asks <paramref name="host"/>'s agent for <paramref name="action"/>: stores a signed request that expires after
    /// <paramref name="expiresIn"/> (default <c>agent_actions.default_expiry</c>) and wakes the agent's long-poll.
    /// </summary>
    public async Task<ActionRequestResult> RequestAsync(string host, string action, string reason, TimeSpan? expiresIn, Caller caller, CancellationToken ct)
    {
        if (Prepare(host, action, reason, caller, clock.GetUtcNow(), expiresIn) is not { } created)
        {
            // Why not, only now: Prepare's checks are the same, and a request made is the usual case.
            return ActionRequestValidation.Validate(host, action, reason, expiresIn) is { } problem
                ? ActionRequestResult.Refused(400, problem)
                : ActionRequestResult.Refused(404, $"host: no host '{host}' has reported; its agent must run before it can be asked for an action");
        }
        // Grouped: a plan batch asks 50 agents at once, and on SQLite 50 transactions in a row were most of its reboot step.
        try
        {
            await db.WriteGroupedAsync(async (conn, tx) =>
            {
                await StoreAsync(conn, tx, [created], caller, ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        }
        catch
        {
            Unmade([created]);
            throw;
        }
        return new ActionRequestResult(Made([created])[0], 201, null);
    }

    /// <summary>
    /// A request signed and dated <paramref name="now"/>, to be stored by the caller inside a write of its own
    /// (<see cref="StoreAsync"/>, then <see cref="Made"/> once it committed): a plan step's start stores the requests of
    /// its batch with the step, so asking costs no write of its own and a restart finds the request with the step. Null
    /// when <see cref="RequestAsync"/> would refuse it (a bad name or reason, a host that never reported).
    /// </summary>
    public AgentAction? Prepare(string host, string action, string reason, Caller caller, DateTimeOffset now, TimeSpan? expiresIn = null)
    {
        if (ActionRequestValidation.Validate(host, action, reason, expiresIn) is not null || hosts.Get(host) is not { } known)
        {
            return null;
        }
        var request = new ActionRequest(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), host, action, reason.Trim(),
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), now, now + (expiresIn ?? Options.DefaultExpiry));
        var envelope = JsonSerializer.Serialize(signer.Sign(request), ContractJson.Options);
        return new AgentAction(request.Id, host, action, request.Reason, caller.Identity, ActionState.Pending, request.Nonce, now,
            request.ExpiresAt, Options.RebootActions.Contains(action), known.BootId, envelope);
    }

    /// <summary>
    /// Stores prepared requests (<see cref="Prepare"/>) with their history and audit records in the caller's transaction.
    /// A request whose host's agent waits in a long-poll on this node is stored as delivered to it, with the delivery's
    /// history and audit record as a delivery of the poll's own would write them, and handed over by <see cref="Made"/>
    /// once the write committed: a batch of 50 reboots was 50 more grouped writes and a wake-up per host before the agents
    /// had their requests. The caller ends with <see cref="Made"/> or, when the write failed, <see cref="Unmade"/>.
    /// </summary>
    public async Task StoreAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<AgentAction> prepared, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stored = new AgentAction[prepared.Count];
        var records = new List<AuditObject>(prepared.Count);
        List<AuditObject>? deliveries = null;
        Dictionary<string, HandOver>? handed = null;
        for (var i = 0; i < prepared.Count; i++)
        {
            var created = prepared[i];
            records.Add(new AuditObject(caller, Requested, created.Id, null, ActionJson.Text(created)));
            if (_handOvers.Take(created, now) is { } handOver)
            {
                stored[i] = handOver.Delivery.Next;
                (handed ??= new(StringComparer.Ordinal))[created.Id] = handOver;
                (deliveries ??= []).Add(new AuditObject(handOver.Poll.Agent, handOver.Delivery.Kind, created.Id, ActionJson.Text(created), ActionJson.Text(stored[i])));
            }
            else
            {
                stored[i] = created;
            }
        }
        // As RecordAsync records a request made through the API (and DeliverAsync its delivery), for the whole batch at once.
        await ActionStore.InsertManyAsync(conn, tx, stored, a => History(a, caller, handed), ct).ConfigureAwait(false);
        await audit.AppendManyAsync(conn, tx, AuditType, deliveries is null ? records : [.. records, .. deliveries], ct).ConfigureAwait(false);
    }

    private static IEnumerable<ActionEvent> History(AgentAction stored, Caller caller, Dictionary<string, HandOver>? handed)
    {
        yield return new ActionEvent(stored.RequestedAt, Requested, caller.Identity, RequestedDetail(stored));
        if (handed is not null && handed.TryGetValue(stored.Id, out var handOver))
        {
            yield return new ActionEvent(stored.DeliveredAt!.Value, handOver.Delivery.Kind, handOver.Poll.Agent.Identity, handOver.Delivery.Detail);
        }
    }

    private const string Requested = "requested";

    private static string RequestedDetail(AgentAction created) =>
        $"asked for '{created.Action}' on {created.Host} (expires {created.ExpiresAt:O}): {created.Reason}";

    /// <summary>
    /// Once the write that stored prepared requests committed: logs them, hands those stored as delivered to their
    /// agents' long-polls and wakes the polls of the others. Returns the requests as stored.
    /// </summary>
    public IReadOnlyList<AgentAction> Made(IReadOnlyList<AgentAction> prepared)
    {
        var stored = new AgentAction[prepared.Count];
        for (var i = 0; i < prepared.Count; i++)
        {
            var created = prepared[i];
            LogRequested(created.Id, created.Action, created.Host, created.RequestedBy);
            stored[i] = _handOvers.Complete(created.Id) ?? created;
            Announce(stored[i]);
        }
        return stored;
    }

    /// <summary>
    /// When the write that was to store prepared requests failed: the long-polls they were to be handed to look again.
    /// (Had the write committed after all, a request stored as delivered is handed over again after
    /// <see cref="ActionRules.RedeliverAfter"/>, as one whose poll's answer was lost.)
    /// </summary>
    public void Unmade(IReadOnlyList<AgentAction> prepared)
    {
        foreach (var created in prepared)
        {
            _handOvers.Abandon(created.Id);
        }
    }

    public Task<AgentAction?> GetAsync(string id, CancellationToken ct) => store.GetAsync(id, ct);

    public Task<IReadOnlyList<ActionEvent>> EventsAsync(string id, CancellationToken ct) => store.EventsAsync(id, ct);

    public Task<IReadOnlyList<AgentAction>> ListAsync(string host, int limit, CancellationToken ct) => store.ListAsync(host, limit, ct);

    /// <summary>Waits until the request satisfies <paramref name="until"/> (e.g. is finished) or <paramref name="timeout"/> passes; returns it as it is then.</summary>
    public async Task<AgentAction?> WaitAsync(string id, Func<AgentAction, bool> until, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + timeout;
        var signal = _signals.ForAction(id);
        var action = await store.GetAsync(id, ct).ConfigureAwait(false);
        while (true)
        {
            var left = deadline - clock.GetUtcNow();
            if (action is null || until(action) || left <= TimeSpan.Zero || ct.IsCancellationRequested)
            {
                if (action is null || action.State.IsFinished())
                {
                    _signals.Forget(id, signal);
                }
                return action;
            }
            await _signals.WaitAsync(signal, left < Reread ? left : Reread, ct).ConfigureAwait(false);
            if (signal.IsCompletedSuccessfully)
            {
                // A change made on this node comes with the signal, as stored, and with the signal of the next one.
                (action, signal) = (signal.Result.Stored, signal.Result.Next);
            }
            else
            {
                // A timeout: another node may have made the change.
                signal = _signals.ForAction(id);
                action = await store.GetAsync(id, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The agent's long-poll: hands it every pending request for its host, waiting up to <paramref name="wait"/> for one
    /// (a request made meanwhile on this node is handed over by the write that stores it; one made on another node is
    /// found within 10 s). Returns empty when <paramref name="ct"/> ends the wait.
    /// </summary>
    public async Task<IReadOnlyList<SignedActionRequest>> TakeAsync(string host, TimeSpan wait, Caller agent, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + wait;
        var woken = false;
        while (!ct.IsCancellationRequested)
        {
            var signal = _signals.ForHost(host);
            // Woken by a request for this host: straight to the write that hands it over (the read would find it: in a
            // batch of 50 hosts that was 50 reads between the request and its delivery).
            if (woken || await store.AnyPendingAsync(host, clock.GetUtcNow(), ct).ConfigureAwait(false))
            {
                var delivered = await DeliverAsync(host, agent, ct).ConfigureAwait(false);
                if (delivered.Count > 0)
                {
                    return [.. delivered.Select(Envelope)];
                }
            }
            var left = deadline - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                break;
            }
            var timeout = left < Reread * 5 ? left : Reread * 5;
            // Parked after the read: a request stored between the two was announced on the signal taken before it.
            if (_handOvers.Park(host, agent) is not { } poll)
            {
                await _signals.WaitAsync(signal, timeout, ct).ConfigureAwait(false);
                woken = signal.IsCompleted;
                continue;
            }
            await _signals.WaitAsync(Task.WhenAny(signal, poll.Handed), timeout, ct).ConfigureAwait(false);
            if (_handOvers.Unpark(host, poll))
            {
                woken = signal.IsCompleted;
                continue;
            }
            // A write storing a request for this host took the poll: it hands the request over once it committed.
            if (await HandedAsync(poll, deadline, ct).ConfigureAwait(false) is { } handed)
            {
                return [Envelope(handed)];
            }
            woken = true;
        }
        return [];
    }

    /// <summary>Whether <paramref name="host"/>'s agent waits in a long-poll on this node that a request made now would be handed to.</summary>
    internal bool Parked(string host) => _handOvers.IsParked(host);

    private static SignedActionRequest Envelope(AgentAction a) => JsonSerializer.Deserialize<SignedActionRequest>(a.Envelope, ContractJson.Options)!;

    /// <summary>
    /// What the write that took <paramref name="poll"/> hands it: the request once the write committed, or null when the
    /// write failed or the poll's time ran out first (a request stored as delivered but never handed over is handed over
    /// again after <see cref="ActionRules.RedeliverAfter"/>).
    /// </summary>
    private async Task<AgentAction?> HandedAsync(ParkedPoll poll, DateTimeOffset deadline, CancellationToken ct)
    {
        await _signals.WaitAsync(poll.Handed, deadline - clock.GetUtcNow(), ct).ConfigureAwait(false);
        if (poll.Handed.IsCompletedSuccessfully)
        {
            return poll.Handed.Result;
        }
        _handOvers.Forget(poll);
        return null;
    }

    /// <summary>
    /// A report from <paramref name="host"/>'s agent about request <paramref name="id"/>. Null when the host has no such
    /// request (a refusal of another host's request is kept in that request's history only); otherwise whether it was
    /// accepted (for <c>running</c>: whether the agent may start) and why not.
    /// </summary>
    public async Task<ReportVerdict?> ReportAsync(string host, string id, ActionReport report, Caller agent, CancellationToken ct)
    {
        // Another host's agent may only add its refusal to the history: a request that reached the wrong host is worth seeing.
        var result = await ChangeAsync(id, a => a.Host == host || report.State == "refused", a => a.Host != host
            ? (ActionRules.RefusedElsewhere(a, host, report), true, null)
            : ActionRules.Report(a, report, clock.GetUtcNow()), agent, ct).ConfigureAwait(false);
        if (result is not null && report.State == "refused")
        {
            LogRefused(id, host, report.Reason ?? "", report.Message ?? "");
        }
        return result is null ? null : new ReportVerdict(result.Accepted, result.Problem);
    }

    /// <summary>
    /// Called with every report a host makes: a running reboot of that host succeeds when the boot id is new. Never
    /// throws (the report is already applied; the monitor catches up with anything missed here).
    /// </summary>
    public async Task ObserveReportAsync(string host, string bootId, CancellationToken ct)
    {
        try
        {
            foreach (var reboot in await store.RunningRebootsAsync(host, ct).ConfigureAwait(false))
            {
                await ChangeAsync(reboot.Id, _ => true, a => (ActionRules.BootSeen(a, bootId, clock.GetUtcNow()), true, null), SystemCaller, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogObserveFailed(e, host);
        }
    }

    /// <summary>Applies what time and the hosts' boot ids make due at <paramref name="now"/>; returns when something is next due.</summary>
    public async Task<DateTimeOffset?> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        DateTimeOffset? next = null;
        foreach (var open in await store.OpenAsync(ct).ConfigureAwait(false))
        {
            var boot = hosts.Get(open.Host)?.BootId;
            ActionChange? Rule(AgentAction a) => (boot is null ? null : ActionRules.BootSeen(a, boot, now)) ?? ActionRules.Due(a, now, Options);
            var current = open;
            // Judged on the copy just read, then again under the lock: most sweeps change nothing and write nothing.
            if (Rule(open) is not null && await ChangeAsync(open.Id, _ => true, a => (Rule(a), true, null), SystemCaller, ct).ConfigureAwait(false) is { } changed)
            {
                current = changed.After;
            }
            if (ActionRules.NextDue(current, Options) is { } due && (next is null || due < next))
            {
                next = due;
            }
        }
        return next;
    }

    /// <summary>
    /// Whether <paramref name="changed"/> makes a sweep (<see cref="SweepAsync"/>) due before <paramref name="scheduled"/>:
    /// its next deadline comes sooner, or it is a running reboot whose host already reported a new boot id.
    /// </summary>
    public bool SweepWanted(AgentAction changed, DateTimeOffset scheduled) =>
        ActionRules.NextDue(changed, Options) is { } due && due < scheduled
        || changed is { AwaitsBoot: true, State: ActionState.Running } && hosts.Get(changed.Host)?.BootId is { } boot && boot != changed.BootIdBefore;

    private static Caller SystemCaller => new("vigil", Scope.Admin, "");

    /// <summary>What <see cref="ChangeAsync"/> did: the request after it, the rule's verdict, and whether a change was stored.</summary>
    private sealed record ChangeOutcome(AgentAction After, bool Accepted, string? Problem, bool Stored);

    private async Task<IReadOnlyList<AgentAction>> DeliverAsync(string host, Caller agent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var delivered = await db.WriteGroupedAsync<IReadOnlyList<AgentAction>>(async (conn, tx) =>
        {
            var list = new List<AgentAction>();
            foreach (var pending in await store.LockPendingAsync(conn, tx, host, now, ct).ConfigureAwait(false))
            {
                if (ActionRules.Deliver(pending, now) is { } change)
                {
                    await RecordAsync(conn, tx, pending, change, agent, now, ct).ConfigureAwait(false);
                    list.Add(change.Next);
                }
            }
            return list;
        }, ct).ConfigureAwait(false);
        foreach (var a in delivered)
        {
            Announce(a);
        }
        return delivered;
    }

    /// <summary>
    /// Reads the request (locked), applies <paramref name="rule"/>, stores the change with its history and audit record.
    /// Null when there is no such request (or <paramref name="mayTouch"/> says it is not the caller's); else the request
    /// after the change and the rule's verdict. (A class, not a tuple: the grouped write and the tasks around it are then
    /// the shared code compiled ahead of time, not code the JIT compiles at a batch's first agent report.)
    /// </summary>
    private async Task<ChangeOutcome?> ChangeAsync(string id, Func<AgentAction, bool> mayTouch,
        Func<AgentAction, (ActionChange? Change, bool Accepted, string? Problem)> rule, Caller caller, CancellationToken ct)
    {
        var outcome = await db.WriteGroupedAsync<ChangeOutcome?>(async (conn, tx) =>
        {
            if (await store.LockAsync(conn, tx, id, ct).ConfigureAwait(false) is not { } current || !mayTouch(current))
            {
                return null;
            }
            var (change, accepted, problem) = rule(current);
            if (change is null)
            {
                return new ChangeOutcome(current, accepted, problem, false);
            }
            await RecordAsync(conn, tx, current, change, caller, clock.GetUtcNow(), ct).ConfigureAwait(false);
            return new ChangeOutcome(change.Next, accepted, problem, true);
        }, ct).ConfigureAwait(false);
        if (outcome is { Stored: true })
        {
            Announce(outcome.After);
        }
        return outcome;
    }

    private async Task RecordAsync(DbConnection conn, DbTransaction tx, AgentAction? before, ActionChange change, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        if (before is not null && before != change.Next)
        {
            await ActionStore.UpdateAsync(conn, tx, change.Next, ct).ConfigureAwait(false);
        }
        await ActionStore.AddEventAsync(conn, tx, change.Next.Id, new ActionEvent(now, change.Kind, caller.Identity, change.Detail), ct).ConfigureAwait(false);
        await audit.AppendAsync(conn, tx, caller, change.Kind, AuditType, change.Next.Id,
            before is null ? null : ActionJson.Text(before), ActionJson.Text(change.Next), ct).ConfigureAwait(false);
    }

    private void Announce(AgentAction action)
    {
        if (action.State == ActionState.Pending)
        {
            _signals.WakeHost(action.Host);
        }
        _signals.WakeAction(action);
        Changed?.Invoke(action);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent action {Id}: '{Action}' requested on {Host} by {Caller}")]
    private partial void LogRequested(string id, string action, string host, string caller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent action {Id} refused by the agent of {Host}: {Reason}: {Message}")]
    private partial void LogRefused(string id, string host, string reason, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking {Host}'s running reboot actions against its report failed; the monitor will retry")]
    private partial void LogObserveFailed(Exception e, string host);
}
