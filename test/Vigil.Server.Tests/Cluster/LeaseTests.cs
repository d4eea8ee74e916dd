using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vigil.Server.Cluster;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>Work shared out by leases between real nodes on one PostgreSQL.</summary>
public sealed class LeaseTests
{
    private static readonly string[] Keys = [.. Enumerable.Range(0, 10).Select(i => "k" + i)];

    [Fact]
    public async Task TwoNodesWantingTheSameTenKeys_HoldFiveEach_NeverTheSameOne()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);
        var (leasesA, leasesB) = (Book(a), Book(b));
        leasesA.Want("test", Keys, balanced: true);
        leasesB.Want("test", Keys, balanced: true);

        await Eventually.TrueAsync(() => Task.FromResult(leasesA.Held("test").Count == 5 && leasesB.Held("test").Count == 5),
            TimeSpan.FromSeconds(20));
        Assert.Empty(leasesA.Held("test").Intersect(leasesB.Held("test")));
    }

    [Fact]
    public async Task WhenTheOtherNodeStops_TheRemainingNodeTakesAllItsKeys()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);
        Book(a).Want("test", Keys, balanced: true);
        Book(b).Want("test", Keys, balanced: true);
        await Eventually.TrueAsync(() => Task.FromResult(Book(b).Held("test").Count == 5), TimeSpan.FromSeconds(20));

        await b.DisposeAsync();

        await Eventually.TrueAsync(() => Task.FromResult(Book(a).Held("test").Count == 10), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task AnUnbalancedKind_GoesToOneNodeOnly()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);
        Book(a).Want("single", ["only"], balanced: false);
        Book(b).Want("single", ["only"], balanced: false);

        await Eventually.TrueAsync(() => Task.FromResult(Book(a).Holds("single", "only") || Book(b).Holds("single", "only")));
        // Several rounds later it still has exactly one holder.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.True(Book(a).Holds("single", "only") ^ Book(b).Holds("single", "only"));
    }

    [Fact]
    public async Task ANodeCutOffFromTheDatabase_DropsItsLeasesAndIsNotReady_UntilTheDatabaseIsBack()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        Book(a).Want("test", Keys, balanced: true);
        await Eventually.TrueAsync(() => Task.FromResult(Book(a).Held("test").Count == 10));

        await AllowConnectionsAsync(postgres, false);
        try
        {
            await Eventually.TrueAsync(async () => (int)(await a.Http.GetAsync("-/ready")).StatusCode == 503, TimeSpan.FromSeconds(20));
            Assert.Empty(Book(a).Held("test"));
        }
        finally
        {
            await AllowConnectionsAsync(postgres, true);
        }
        await Eventually.TrueAsync(async () => (await a.Http.GetAsync("-/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => Task.FromResult(Book(a).Held("test").Count == 10), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task OnSqlite_TheOneNodeHoldsEverythingItWants()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", ClusterConfigs.WithSchedules());
        Book(vigil).Want("test", Keys, balanced: true);
        Assert.Equal(Keys, Book(vigil).Held("test"));
        Assert.True(Book(vigil).Holds("test", "k3"));
    }

    private static LeaseBook Book(VigilInstance node) => node.Services.GetRequiredService<LeaseBook>();

    /// <summary>Refuses (or allows again) new connections to the node's database and ends the open ones: a partition.</summary>
    private static async Task AllowConnectionsAsync(string postgres, bool allow)
    {
        var database = new NpgsqlConnectionStringBuilder(postgres).Database!;
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES"));
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {database} ALLOW_CONNECTIONS {(allow ? "true" : "false")}", admin))
        {
            await alter.ExecuteNonQueryAsync();
        }
        if (!allow)
        {
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @db", admin);
            kill.Parameters.AddWithValue("db", database);
            await kill.ExecuteNonQueryAsync();
        }
    }
}
