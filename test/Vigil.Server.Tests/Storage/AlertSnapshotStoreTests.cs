using Vigil.Server.Alerts;
using Vigil.Server.Labels;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

public sealed class AlertSnapshotStoreTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero);
    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_OnAFreshDatabase_IsEmptyAtSequenceZero(string engine)
    {
        var store = new AlertSnapshotStore(await _dbs.CreateAsync(engine));

        var (alerts, appliedSeq) = await store.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Empty(alerts);
        Assert.Equal(0, appliedSeq);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SaveThenLoad_RoundTripsEveryField(string engine)
    {
        var store = new AlertSnapshotStore(await _dbs.CreateAsync(engine));
        var alerts = new[]
        {
            new Alert(LabelSet.Of(("alertname", "DiskFull"), ("host", "lb-1"), ("note", "quote \" and ünïcode ☃")),
                LabelSet.From([new("summary", "Disk full"), new("runbook", "")], keepEmptyValues: true),
                T0, T0.AddHours(1), "http://prom/graph?g0.expr=up", T0.AddSeconds(5), Timeout: false),
            new Alert(LabelSet.Of(("alertname", "Down")), LabelSet.Empty, T0, T0.AddMinutes(5), "", T0, Timeout: true),
        };

        await store.SaveAsync(alerts, 42, TestContext.Current.CancellationToken);
        var (loaded, appliedSeq) = await store.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(42, appliedSeq);
        Assert.Equal(alerts.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_ReplacesThePreviousSnapshot_AcrossSeveralParts(string engine)
    {
        var store = new AlertSnapshotStore(await _dbs.CreateAsync(engine));
        var alerts = Enumerable.Range(0, 45_000).Select(i => MakeAlert(i, T0)).ToArray();
        // Fingerprints spread over the whole 64-bit range, so half have the top bit set.
        Assert.Contains(alerts, a => a.Fingerprint.Value > long.MaxValue);

        await store.SaveAsync(alerts, 1, TestContext.Current.CancellationToken);
        var next = alerts.Take(5_000).Select(a => a with { EndsAt = T0.AddMinutes(1), UpdatedAt = T0.AddMinutes(1) }).ToArray();
        await store.SaveAsync(next, 2, TestContext.Current.CancellationToken);
        var (loaded, appliedSeq) = await store.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, appliedSeq);
        Assert.Equal(next, loaded);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_OfNothing_LeavesAnEmptySnapshot(string engine)
    {
        var store = new AlertSnapshotStore(await _dbs.CreateAsync(engine));
        await store.SaveAsync([MakeAlert(1, T0)], 3, TestContext.Current.CancellationToken);
        await store.SaveAsync([], 4, TestContext.Current.CancellationToken);

        var (loaded, appliedSeq) = await store.LoadAsync(TestContext.Current.CancellationToken);
        Assert.Empty(loaded);
        Assert.Equal(4, appliedSeq);
    }

    internal static Alert MakeAlert(int i, DateTimeOffset t0) => new(
        LabelSet.Of(("alertname", "HighLatency"), ("instance", $"host-{i}:9100"), ("job", "node"), ("severity", i % 3 == 0 ? "critical" : "warning")),
        LabelSet.Of(("summary", $"Latency high on host-{i}"), ("description", new string('x', 120))),
        t0, t0.AddMinutes(5), $"http://prometheus:9090/graph?g0.expr=latency%7Binstance%3D%22host-{i}%22%7D", t0, Timeout: i % 2 == 0);
}
