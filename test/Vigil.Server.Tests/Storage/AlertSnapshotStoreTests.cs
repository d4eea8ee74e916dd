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

        await store.SaveAsync(alerts, [], 42, TestContext.Current.CancellationToken);
        var (loaded, appliedSeq) = await store.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(42, appliedSeq);
        Assert.Equal(alerts.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_TenThousandAlerts_ThenUpdatesAndDeletes(string engine)
    {
        var store = new AlertSnapshotStore(await _dbs.CreateAsync(engine));
        var alerts = Enumerable.Range(0, 10_000).Select(i => MakeAlert(i, T0)).ToArray();
        // Fingerprints spread over the whole 64-bit range, so half have the top bit set.
        Assert.Contains(alerts, a => a.Fingerprint.Value > long.MaxValue);

        await store.SaveAsync(alerts, [], 1, TestContext.Current.CancellationToken);
        var resolved = alerts.Take(100).Select(a => a with { EndsAt = T0.AddMinutes(1), UpdatedAt = T0.AddMinutes(1) }).ToArray();
        var gone = alerts.Skip(5_000).Select(a => a.Fingerprint).ToArray();
        await store.SaveAsync(resolved, gone, 2, TestContext.Current.CancellationToken);
        var (loaded, appliedSeq) = await store.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, appliedSeq);
        Assert.Equal(5_000, loaded.Count);
        var byFingerprint = loaded.ToDictionary(a => a.Fingerprint);
        Assert.Equal(resolved[7], byFingerprint[resolved[7].Fingerprint]);
        Assert.Equal(alerts[4_999], byFingerprint[alerts[4_999].Fingerprint]);
        Assert.DoesNotContain(alerts[5_000].Fingerprint, byFingerprint.Keys);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Save_WithTheSameAlertTwice_KeepsTheLastVersion(string engine)
    {
        var store = new AlertSnapshotStore(await _dbs.CreateAsync(engine));
        var first = MakeAlert(1, T0);
        var second = first with { EndsAt = T0.AddDays(1) };

        await store.SaveAsync([first, second], [], 3, TestContext.Current.CancellationToken);

        Assert.Equal(second, Assert.Single((await store.LoadAsync(TestContext.Current.CancellationToken)).Alerts));
    }

    internal static Alert MakeAlert(int i, DateTimeOffset t0) => new(
        LabelSet.Of(("alertname", "HighLatency"), ("instance", $"host-{i}:9100"), ("job", "node"), ("severity", i % 3 == 0 ? "critical" : "warning")),
        LabelSet.Of(("summary", $"Latency high on host-{i}"), ("description", new string('x', 120))),
        t0, t0.AddMinutes(5), $"http://prometheus:9090/graph?g0.expr=latency%7Binstance%3D%22host-{i}%22%7D", t0, Timeout: i % 2 == 0);
}
