using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vigil.Server.Cluster;
using Vigil.Server.Dispatch;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>
/// A flush is recorded only while its group's dispatch shard is still the node's in the database: a node whose shard
/// was taken mid-flush writes nothing, so the new holder (which reads the log after taking the shard) sends that state once.
/// </summary>
public sealed class DispatchFenceTests
{
    private const string GroupKey = "{}:{alertname=\"Fenced\"}";

    [Fact]
    public async Task ANodeWhoseShardWasTakenMidFlush_RecordsNothing_WhileTheHolderRecords()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        var shard = DispatchShards.ShardOf(GroupKey);
        var leases = a.Services.GetRequiredService<LeaseBook>();
        await Eventually.TrueAsync(() => Task.FromResult(leases.Holds(DispatchShards.LeaseKind, shard)), TimeSpan.FromSeconds(20));
        var log = a.Services.GetRequiredService<NotificationLog>();
        var now = TimeProvider.System.GetUtcNow();

        Assert.True(await log.RecordAsync([Entry(1, now)], [], TimeSpan.FromHours(4), GroupKey, TestContext.Current.CancellationToken));

        await GiveShardToAnotherNodeAsync(postgres, shard);
        var recorded = await log.RecordAsync([Entry(2, now.AddSeconds(1))], [], TimeSpan.FromHours(4), GroupKey, TestContext.Current.CancellationToken);

        Assert.False(recorded);
        var rows = await a.Services.GetRequiredService<NotificationLogStore>().LoadAllAsync(TestContext.Current.CancellationToken);
        var row = Assert.Single(rows, r => r.GroupKey == GroupKey);
        Assert.Equal([1UL], row.Firing);
        Assert.Equal([1UL], log.Get(GroupKey, "default", 0)!.FiringFingerprints);
    }

    private static NotificationLogEntry Entry(ulong firing, DateTimeOffset at) =>
        new(GroupKey, "default", 0, new HashSet<ulong> { firing }, new HashSet<ulong>(), at);

    /// <summary>What another node's lease round does once the lease is free: the row names the new holder.</summary>
    private static async Task GiveShardToAnotherNodeAsync(string postgres, string shard)
    {
        await using var conn = new NpgsqlConnection(postgres);
        await conn.OpenAsync();
        await using var take = new NpgsqlCommand(
            "UPDATE leases SET owner = 'node-b', owner_instance = 'other' WHERE kind = @kind AND lease_key = @key", conn);
        take.Parameters.AddWithValue("kind", DispatchShards.LeaseKind);
        take.Parameters.AddWithValue("key", shard);
        Assert.Equal(1, await take.ExecuteNonQueryAsync());
    }
}
