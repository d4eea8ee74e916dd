using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Maintenance;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Maintenance;

public sealed class WindowStoreTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Windows_RoundTrip_AndEndedOnesAreRemovedAfterRetention(string engine)
    {
        await using var dbs = new TestDatabases();
        var db = await dbs.CreateAsync(engine);
        var store = new WindowStore(db);
        var events = new WindowEventStore(db);
        var clock = new FakeTimeProvider(TestWindows.Now);
        var oneOff = TestWindows.Build(TestWindows.OneOff("2026-05-10T22:30:00Z", "2026-05-11T02:30:00Z")) with { CreatedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow() };
        var weekly = TestWindows.Build(TestWindows.Recurring("0 2 * * SUN", "2h", "Europe/Berlin")) with { Id = "w2" };
        await db.WriteAsync(async (c, t) =>
        {
            await store.InsertAsync(c, t, oneOff, default);
            await store.InsertAsync(c, t, weekly, default);
        });
        Assert.True(await events.TryAddAsync(oneOff.Id, oneOff.Start, WindowEventKinds.Started, clock.GetUtcNow(), null, default));
        Assert.False(await events.TryAddAsync(oneOff.Id, oneOff.Start, WindowEventKinds.Started, clock.GetUtcNow(), null, default));
        Assert.Single(await events.ListOpenAsync(default));

        var loaded = await store.ListAsync(default);
        Assert.Equal([WindowJson.Definition(oneOff).ToJsonString(), WindowJson.Definition(weekly).ToJsonString()],
            loaded.OrderBy(w => w.Id, StringComparer.Ordinal).Select(w => WindowJson.Definition(w).ToJsonString()));

        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await store.DeleteEndedBeforeAsync(clock.GetUtcNow() - TimeSpan.FromDays(30), default));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await store.DeleteEndedBeforeAsync(clock.GetUtcNow() - TimeSpan.FromDays(30), default));
        Assert.Equal(["w2"], (await store.ListAsync(default)).Select(w => w.Id));
        Assert.Empty(await events.ListAsync(oneOff.Id, default));
    }
}
