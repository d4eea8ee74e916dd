using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

public sealed class TokenStoreTests : IAsyncDisposable
{
    private readonly TestDatabases _dbs = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CreatedToken_IsFoundByItsHash_WithItsScopes(string engine)
    {
        var store = new TokenStore(await _dbs.CreateAsync(engine), _clock);
        Assert.False(await store.AnyAsync(TestContext.Current.CancellationToken));

        var created = await store.CreateAsync("prometheus", ["alerts:write", "alerts:read"], new string('a', 64), TestContext.Current.CancellationToken);
        var found = await store.FindByHashAsync(new string('a', 64), TestContext.Current.CancellationToken);

        Assert.NotNull(found);
        Assert.Equal(created.Id, found.Id);
        Assert.Equal("prometheus", found.Name);
        Assert.Equal(["alerts:write", "alerts:read"], found.Scopes);
        Assert.Equal(_clock.GetUtcNow(), found.CreatedAt);
        Assert.True(await store.AnyAsync(TestContext.Current.CancellationToken));
        Assert.Null(await store.FindByHashAsync(new string('b', 64), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RevokedToken_IsNoLongerFound_ButStillListed(string engine)
    {
        var store = new TokenStore(await _dbs.CreateAsync(engine), _clock);
        var token = await store.CreateAsync("ci", [], "hash-1", TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await store.RevokeAsync(token.Id, TestContext.Current.CancellationToken));
        Assert.False(await store.RevokeAsync(token.Id, TestContext.Current.CancellationToken));

        Assert.Null(await store.FindByHashAsync("hash-1", TestContext.Current.CancellationToken));
        Assert.False(await store.AnyAsync(TestContext.Current.CancellationToken));
        var listed = Assert.Single(await store.ListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(_clock.GetUtcNow(), listed.RevokedAt);
        Assert.Empty(listed.Scopes);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TokenHash_IsUnique(string engine)
    {
        var store = new TokenStore(await _dbs.CreateAsync(engine), _clock);
        await store.CreateAsync("one", ["admin"], "same", TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.CreateAsync("two", ["admin"], "same", TestContext.Current.CancellationToken));
        Assert.Single(await store.ListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task MarkUsed_RecordsTheTime(string engine)
    {
        var store = new TokenStore(await _dbs.CreateAsync(engine), _clock);
        var token = await store.CreateAsync("agent", ["agent"], "h", TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromHours(2));

        await store.MarkUsedAsync(token.Id, TestContext.Current.CancellationToken);

        Assert.Equal(_clock.GetUtcNow(), Assert.Single(await store.ListAsync(TestContext.Current.CancellationToken)).LastUsedAt);
    }
}
