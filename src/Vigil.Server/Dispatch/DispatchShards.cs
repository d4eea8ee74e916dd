using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Vigil.Server.Cluster;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Which aggregation groups this node flushes. Every node of a cluster folds every alert, so every node holds every
/// group; only the holder of a group's shard (lease kind <c>dispatch</c>, <see cref="Count"/> keys shared out evenly)
/// flushes it, so one notification goes out per group state for the whole cluster. A shard counts as this node's once
/// its lease is held and the notification log has been read again from the database (the previous owner's entries),
/// so a group taken over is deduplicated against what was already sent. On one node every shard is always owned.
/// </summary>
public sealed partial class DispatchShards
{
    public const string LeaseKind = "dispatch";

    public const int Count = 64;

    private readonly LeaseBook _leases;
    private readonly NotificationLog _log;
    private readonly ILogger<DispatchShards> _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private FrozenSet<string> _ready = FrozenSet<string>.Empty;

    public DispatchShards(LeaseBook leases, NotificationLog log, ILogger<DispatchShards> logger)
    {
        _leases = leases;
        _log = log;
        _logger = logger;
        if (leases.Shared)
        {
            leases.Want(LeaseKind, [.. Enumerable.Range(0, Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], balanced: true);
            leases.Changed += OnLeasesChanged;
        }
    }

    /// <summary>Raised after this node took shards (their parked groups may flush now).</summary>
    public event Action? Gained;

    public static string ShardOf(string groupKey) =>
        (StableHash.Of(groupKey) % Count).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Who flushes the group now: this node, another one, or nobody yet (its shard's lease lapsed or was just
    /// taken and the notification log is being read: the flush waits).</summary>
    public Flusher FlusherOf(string groupKey)
    {
        if (!_leases.Shared)
        {
            return Flusher.ThisNode;
        }
        var shard = ShardOf(groupKey);
        if (_leases.Holds(LeaseKind, shard))
        {
            return Volatile.Read(ref _ready).Contains(shard) ? Flusher.ThisNode : Flusher.Nobody;
        }
        return _leases.HeldElsewhere(LeaseKind, shard) ? Flusher.OtherNode : Flusher.Nobody;
    }

    private async void OnLeasesChanged()
    {
        try
        {
            await _refresh.WaitAsync();
            try
            {
                var held = _leases.Held(LeaseKind).ToFrozenSet(StringComparer.Ordinal);
                var gained = held.Except(Volatile.Read(ref _ready)).ToList();
                if (gained.Count == 0)
                {
                    Volatile.Write(ref _ready, held);
                    return;
                }
                // What the previous owner sent is in the database; read it before flushing its groups.
                await _log.LoadAsync(CancellationToken.None);
                Volatile.Write(ref _ready, held);
                LogTook(gained.Count, held.Count);
            }
            finally
            {
                _refresh.Release();
            }
            Gained?.Invoke();
        }
        catch (Exception e)
        {
            // The shards stay not ready; the next lease round's change tries again.
            LogRefreshFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster: took {Gained} dispatch shard(s); this node flushes {Held} of 64")]
    private partial void LogTook(int gained, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster: could not read the notification log for newly taken dispatch shards; retrying at the next lease round")]
    private partial void LogRefreshFailed(Exception e);
}

/// <summary>Who flushes an aggregation group (<see cref="DispatchShards.FlusherOf"/>).</summary>
public enum Flusher
{
    ThisNode,
    OtherNode,
    Nobody,
}
