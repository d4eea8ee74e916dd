using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Alerts;
using Vigil.Server.Cluster;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Alerts;

/// <summary>What the checkpoint writer stores: the changed alerts as incremental parts, a whole snapshot once they outgrow it.</summary>
public sealed class CheckpointTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Checkpoint_AddsChangedAlertsIncrementally_AndWritesAWholeSnapshotOnceTheyOutgrowIt(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, new FakeTimeProvider(T0));
        var checkpoint = vigil.Services.GetRequiredService<CheckpointService>();
        var store = vigil.Services.GetRequiredService<AlertSnapshotStore>();
        var ct = TestContext.Current.CancellationToken;
        // On PostgreSQL the writer must hold the checkpoint lease (this single node takes it at its first round).
        var leases = vigil.Services.GetRequiredService<LeaseBook>();
        await Eventually.TrueAsync(() => Task.FromResult(leases.Holds(CheckpointService.LeaseKind, "alerts")));

        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync(Alerts("a", 100))).StatusCode);
        Assert.True(await checkpoint.CheckpointAsync(ct));
        Assert.Equal((0, 100, 1), (store.Shape!.WholeAlerts, store.Shape.ChangeEntries, store.Shape.ChangeParts));

        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync(Alerts("a", 50))).StatusCode); // 50 of them again
        Assert.True(await checkpoint.CheckpointAsync(ct));
        Assert.Equal((0, 150, 2), (store.Shape!.WholeAlerts, store.Shape.ChangeEntries, store.Shape.ChangeParts));

        // More changes than the whole snapshot holds (and than 10,000): the whole snapshot is written again.
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync(Alerts("b", 10_000))).StatusCode);
        Assert.True(await checkpoint.CheckpointAsync(ct));
        Assert.Equal((10_100, 0, 0), (store.Shape!.WholeAlerts, store.Shape.ChangeEntries, store.Shape.ChangeParts));

        var (loaded, appliedSeq) = await new AlertSnapshotStore(vigil.Services.GetRequiredService<Database>(),
            vigil.Services.GetService<SnapshotDatabase>()).LoadAsync(ct);
        Assert.Equal(10_100, loaded.Count);
        Assert.Equal(vigil.Services.GetRequiredService<AlertState>().AppliedSeq, appliedSeq);
    }

    [Fact]
    public void Snapshot_IsDueAfterItsPeriod_OrOnceManyAlertsChanged()
    {
        Assert.False(CheckpointService.IsDue(TimeSpan.FromSeconds(4), pending: 10, grewThisTick: 10));
        Assert.True(CheckpointService.IsDue(TimeSpan.FromSeconds(5), pending: 10, grewThisTick: 10));
        Assert.True(CheckpointService.IsDue(TimeSpan.FromSeconds(1), pending: CheckpointService.EarlyChanges, grewThisTick: 5_000));
    }

    [Fact]
    public void Snapshot_WaitsWhileAnAlertStormIsIngested_UntilItWouldLeaveTooMuchToReplay_AndIsWrittenTheTickAfterIt()
    {
        var storm = CheckpointService.StormChangesPerTick;
        Assert.False(CheckpointService.IsDue(TimeSpan.FromSeconds(9), pending: 90_000, grewThisTick: storm));
        Assert.True(CheckpointService.IsDue(TimeSpan.FromSeconds(9), pending: CheckpointService.StormChanges, grewThisTick: storm));
        Assert.True(CheckpointService.IsDue(TimeSpan.FromSeconds(10), pending: 100_000, grewThisTick: storm - 1));
    }

    private static string Alerts(string prefix, int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => $$$"""{"labels":{"alertname":"Cp","id":"{{{prefix}}}{{{i}}}"}}""")) + "]";
}
