using System.Globalization;
using Microsoft.Extensions.Logging;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Hosts;

namespace Vigil.Server.Pools;

/// <summary>
/// Pools, read live and changed through every HAProxy instance at once. Nothing is cached: each read asks
/// HAProxy again (callers asking at the same moment share one read that starts after they asked), so a member that
/// went DOWN a moment ago is seen DOWN. Every outcome is a value naming each
/// instance; nothing here throws for a load balancer that is down or says no.
/// </summary>
public sealed class PoolService(ConfigHolder config, HostService hosts, TimeProvider clock, ILogger<PoolService> logger)
{
    /// <summary>How often a wait re-reads HAProxy.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    // A wait srv-removable runs at most this long before the state is read again.
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(1);

    public IReadOnlyList<Pool> Pools => config.Current.Pools;

    public Pool? Find(string name) => Pools.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// Reads every instance of the pool and every member's host, and judges them: a read that starts after this call, or
    /// given <paramref name="since"/> (a timestamp of the clock), one under way (or the last one done) that started after
    /// that moment.
    /// </summary>
    public Task<PoolHealthReport> ReadAsync(Pool pool, CancellationToken ct, long? since = null) =>
        // Judged once per read too: at 500 members, each of a batch's 50 gates judging the same read was most of the gate.
        // Keyed by the pool's definition too: after a reload changed the pool, its callers are not answered with the old one.
        _reports.RunAsync(KeyOf(pool), () => JudgeNowAsync(pool), ct, since);

    /// <summary>A pool's key for shared reads: its name and its definition, so after a reload changed the pool its readers are not answered from the old one.</summary>
    private static string KeyOf(Pool pool) => $"{pool.Name}#{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pool)}";

    private readonly SharedWork<PoolHealthReport> _reports = new(clock);
    private readonly StateCommandBatch _stateCommands = new();

    private async Task<PoolHealthReport> JudgeNowAsync(Pool pool)
    {
        // Through the shared instance reads, so that the waits of a plan step, whose first read may be any made since the
        // step began, take this one; a read under way that started before this round is not joined.
        var instances = await ReadInstancesAsync(pool, CancellationToken.None, clock.GetTimestamp()).ConfigureAwait(false);
        // In a cluster the members' agents may report to other nodes: their rows are read again first.
        await hosts.RefreshAsync([.. pool.Members.Select(m => m.Host)], CancellationToken.None).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var standings = pool.Members.ToDictionary(m => m.Host, m => HostStanding.Of(m.Host, hosts.Get(m.Host), hosts.Options, now, hosts.ListeningSince), StringComparer.Ordinal);
        return PoolHealth.Evaluate(pool, instances, standings);
    }

    /// <summary>The gate: may <paramref name="member"/> leave the pool now? Counted live, without it.</summary>
    public async Task<RemovalVerdict> CanRemoveAsync(Pool pool, PoolMember member, CancellationToken ct) =>
        PoolHealth.CanRemove(await ReadAsync(pool, ct).ConfigureAwait(false), member.Server);

    public Task<PoolActionOutcome> DrainAsync(Pool pool, PoolMember member, CancellationToken ct) => SetAsync(pool, member, AdminState.Drain, ct);

    public Task<PoolActionOutcome> MaintAsync(Pool pool, PoolMember member, CancellationToken ct) => SetAsync(pool, member, AdminState.Maint, ct);

    public Task<PoolActionOutcome> ReadyAsync(Pool pool, PoolMember member, CancellationToken ct) => SetAsync(pool, member, AdminState.Ready, ct);

    /// <summary>
    /// Waits until the member takes no traffic in any instance: set to drain or maint, no current session, nothing
    /// queued. In MAINT, HAProxy 2.7+'s <c>wait srv-removable</c> answers as soon as it is so; older versions (which
    /// answer "Unknown command") are polled.
    /// </summary>
    public Task<WaitOutcome> WaitDrainedAsync(Pool pool, PoolMember member, TimeSpan timeout, CancellationToken ct, long? since = null)
    {
        var waitSupported = pool.Instances.ToDictionary(i => i, _ => true);
        return WaitAsync(pool, member, timeout, "drained", (instance, stat, admin) =>
            admin is not (AdminState.Drain or AdminState.Maint) ? $"{instance.Label}: {pool.Backend}/{member.Server} is {stat.StatusText}, not set to drain or maint"
            : stat.CurrentSessions + stat.QueuedRequests > 0 ? $"{instance.Label}: {stat.CurrentSessions} session(s) and {stat.QueuedRequests} queued on {pool.Backend}/{member.Server}"
            : null,
            async (pending, remaining) =>
            {
                var waits = pending.Where(p => p.Admin == AdminState.Maint && waitSupported[p.Instance]).ToList();
                if (waits.Count == 0 || waits.Count != pending.Count)
                {
                    await Task.Delay(PollInterval, clock, ct).ConfigureAwait(false);
                    return;
                }
                var slice = remaining < WaitSlice ? remaining : WaitSlice;
                var answers = await Task.WhenAll(waits.Select(p =>
                    new HaproxyRuntime(p.Instance, pool.Timeout, clock).WaitRemovableAsync(pool.Backend, member.Server, slice, ct))).ConfigureAwait(false);
                for (var i = 0; i < waits.Count; i++)
                {
                    if (answers[i].Error is { Kind: RuntimeErrorKind.UnknownCommand })
                    {
                        waitSupported[waits[i].Instance] = false;
                    }
                }
                if (answers.Any(a => !a.Ok))
                {
                    await Task.Delay(PollInterval, clock, ct).ConfigureAwait(false);
                }
            }, ct, since);
    }

    /// <summary>
    /// Waits until HAProxy's own checks have fully risen in every instance: status "UP" (not "UP 1/2", which is
    /// where <c>ready</c> leaves a checked server), set to ready, and past any slow start.
    /// </summary>
    public Task<WaitOutcome> WaitUpAsync(Pool pool, PoolMember member, TimeSpan timeout, CancellationToken ct, long? since = null) =>
        WaitAsync(pool, member, timeout, "up", (instance, stat, admin) =>
            admin is AdminState.Drain or AdminState.Maint ? $"{instance.Label}: {pool.Backend}/{member.Server} is set to {admin.ToString()!.ToLowerInvariant()}"
            : !stat.FullyUp ? $"{instance.Label}: {pool.Backend}/{member.Server} is {stat.StatusText}{(stat.ThrottlePercent is { } t ? $" (slow start at {t}%)" : "")}"
                + (stat.CheckStatus is { } c ? $", last check {c}{(stat.CheckDescription is { } d ? ": " + d : "")}" : "")
            : null,
            (_, _) => Task.Delay(PollInterval, clock, ct), ct, since);

    private async Task<PoolActionOutcome> SetAsync(Pool pool, PoolMember member, AdminState state, CancellationToken ct)
    {
        var answers = await Task.WhenAll(pool.Instances.Select(async instance =>
        {
            // Shared with the other members set at the same moment: one connection for a plan batch's 50 drains.
            var runtime = new HaproxyRuntime(instance, pool.Timeout, clock);
            var result = HaproxyRuntime.SetStateReply(await _stateCommands.SendAsync(runtime, HaproxyRuntime.SetStateCommand(pool.Backend, member.Server, state))
                .WaitAsync(ct).ConfigureAwait(false));
            var name = state.ToString().ToLowerInvariant();
            if (result.Error is { } error)
            {
                PoolLog.StateNotSet(logger, pool.Name, pool.Backend, member.Server, name, instance.Label, error.Message);
            }
            else
            {
                PoolLog.StateSet(logger, pool.Name, pool.Backend, member.Server, name, instance.Label);
            }
            return new InstanceOutcome(instance, result.Error is { } e ? e with { Message = Prefixed(instance, e.Message) } : null);
        })).ConfigureAwait(false);
        return new PoolActionOutcome(pool, member, state, answers);
    }

    private delegate string? Pending(HaproxyEndpoint instance, ServerStat stat, AdminState? admin);

    private sealed record PendingInstance(HaproxyEndpoint Instance, AdminState? Admin, string Why, bool Unreadable);

    /// <summary>
    /// Reads until no instance is pending. The first read may be one under way that started after
    /// <paramref name="since"/>; every later one starts after the pause before it.
    /// </summary>
    private async Task<WaitOutcome> WaitAsync(Pool pool, PoolMember member, TimeSpan timeout, string what, Pending pendingIn,
        Func<IReadOnlyList<PendingInstance>, TimeSpan, Task> pause, CancellationToken ct, long? since)
    {
        var start = clock.GetTimestamp();
        while (true)
        {
            var pending = new List<PendingInstance>();
            foreach (var snapshot in await ReadInstancesAsync(pool, ct, since).ConfigureAwait(false))
            {
                if (snapshot.Error is { } error)
                {
                    pending.Add(new PendingInstance(snapshot.Instance, null, error.Message, Unreadable: true));
                }
                else if (snapshot.Stat(member.Server) is not { } stat)
                {
                    pending.Add(new PendingInstance(snapshot.Instance, null, $"{snapshot.Instance.Label}: no server {member.Server} in backend {pool.Backend}", Unreadable: false));
                }
                else if (pendingIn(snapshot.Instance, stat, snapshot.State(member.Server)?.Admin) is { } why)
                {
                    pending.Add(new PendingInstance(snapshot.Instance, snapshot.State(member.Server)?.Admin, why, Unreadable: false));
                }
            }
            var elapsed = clock.GetElapsedTime(start);
            if (pending.Count == 0)
            {
                return new WaitOutcome(WaitResult.Done, elapsed, $"{pool.Backend}/{member.Server} {what} in every HAProxy instance");
            }
            if (elapsed >= timeout)
            {
                var result = pending.Any(p => p.Unreadable) ? WaitResult.Inconclusive : WaitResult.TimedOut;
                return new WaitOutcome(result, elapsed,
                    $"{pool.Backend}/{member.Server} not {what} after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: {string.Join("; ", pending.Select(p => p.Why))}");
            }
            await pause(pending, timeout - elapsed).ConfigureAwait(false);
            since = null;
        }
    }

    private readonly SharedWork<IReadOnlyList<InstanceSnapshot>> _reads = new(clock);

    /// <summary>Every read's strings and rows, reused by the next read where equal.</summary>
    private readonly ReadInterner _interner = new();

    /// <summary>
    /// Every instance's state now: a read that starts after this call (or one under way that started after
    /// <paramref name="since"/>), shared with the callers asking at the same moment.
    /// </summary>
    private Task<IReadOnlyList<InstanceSnapshot>> ReadInstancesAsync(Pool pool, CancellationToken ct, long? since = null) =>
        _reads.RunAsync(KeyOf(pool), () => ReadInstancesNowAsync(pool, CancellationToken.None), ct, since);

    private async Task<IReadOnlyList<InstanceSnapshot>> ReadInstancesNowAsync(Pool pool, CancellationToken ct) =>
        await Task.WhenAll(pool.Instances.Select(async instance =>
        {
            var runtime = new HaproxyRuntime(instance, pool.Timeout, clock);
            // Two commands: show stat has the live status and sessions, show servers state what an operator set
            // (a drained server that is also DOWN shows only DOWN in show stat).
            var stats = runtime.ShowStatAsync(pool.Backend, ct, _interner);
            var states = runtime.ShowServersStateAsync(pool.Backend, ct, _interner);
            var (stat, state) = (await stats.ConfigureAwait(false), await states.ConfigureAwait(false));
            var error = stat.Error ?? state.Error;
            return error is not null
                ? InstanceSnapshot.Failed(instance, error with { Message = Prefixed(instance, error.Message) })
                : new InstanceSnapshot(instance, null, stat.Value!, state.Value!);
        })).ConfigureAwait(false);

    // Errors from the socket already name the instance; HAProxy's own words ("No such server") do not.
    private static string Prefixed(HaproxyEndpoint instance, string message) =>
        message.StartsWith(instance.Label + ":", StringComparison.Ordinal) ? message : $"{instance.Label}: {message}";
}
