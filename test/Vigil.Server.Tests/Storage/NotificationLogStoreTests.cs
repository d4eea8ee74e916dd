using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

public sealed class NotificationLogStoreTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upsert_ThenLoadAll_RoundTripsFingerprintSets(string engine)
    {
        var store = new NotificationLogStore(await _dbs.CreateAsync(engine));
        var row = new NotificationLogRow("{}:{alertname=\"A\"}", "team-x", 0, [0xffff_0000_0000_0001UL, 1UL], [], T0, T0.AddDays(5));

        await store.UpsertAsync(row, TestContext.Current.CancellationToken);
        var loaded = Assert.Single(await store.LoadAllAsync(TestContext.Current.CancellationToken));

        Assert.Equal((row.GroupKey, row.Receiver, row.IntegrationIndex, row.Timestamp, row.ExpiresAt),
            (loaded.GroupKey, loaded.Receiver, loaded.IntegrationIndex, loaded.Timestamp, loaded.ExpiresAt));
        Assert.Equal(row.Firing.Order(), loaded.Firing.Order());
        Assert.Empty(loaded.Resolved);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Upsert_SameKey_ReplacesTheRow_OtherIntegrationsKeepTheirs(string engine)
    {
        var store = new NotificationLogStore(await _dbs.CreateAsync(engine));
        await store.UpsertAsync(new NotificationLogRow("g", "r", 0, [1], [], T0, T0.AddDays(5)), TestContext.Current.CancellationToken);
        await store.UpsertAsync(new NotificationLogRow("g", "r", 1, [1], [], T0, T0.AddDays(5)), TestContext.Current.CancellationToken);

        await store.UpsertAsync(new NotificationLogRow("g", "r", 0, [], [1], T0.AddMinutes(5), T0.AddDays(6)), TestContext.Current.CancellationToken);
        var rows = await store.LoadAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, rows.Count);
        Assert.Equal([1UL], rows[0].Resolved);
        Assert.Empty(rows[0].Firing);
        Assert.Equal(T0.AddMinutes(5), rows[0].Timestamp);
        Assert.Equal([1UL], rows[1].Firing);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DeleteExpired_RemovesOnlyRowsPastTheirExpiry(string engine)
    {
        var store = new NotificationLogStore(await _dbs.CreateAsync(engine));
        await store.UpsertAsync(new NotificationLogRow("old", "r", 0, [1], [], T0, T0.AddHours(1)), TestContext.Current.CancellationToken);
        await store.UpsertAsync(new NotificationLogRow("new", "r", 0, [2], [], T0, T0.AddHours(3)), TestContext.Current.CancellationToken);

        var deleted = await store.DeleteExpiredAsync(T0.AddHours(2), TestContext.Current.CancellationToken);

        Assert.Equal(1, deleted);
        Assert.Equal("new", Assert.Single(await store.LoadAllAsync(TestContext.Current.CancellationToken)).GroupKey);
    }
}
