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
                AnnotationSet.From([new("summary", "Disk full"), new("runbook", "")]),
                T0, T0.AddHours(1), "http://prom/graph?g0.expr=up", T0.AddSeconds(5), Timeout: false),
            new Alert(LabelSet.Of(("alertname", "Down")), AnnotationSet.Empty, T0, T0.AddMinutes(5), "", T0, Timeout: true),
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
        Assert.Equal(next.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
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

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Append_AddsChangedAndRemovedAlerts_OnTopOfTheWholeSnapshot(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var store = new AlertSnapshotStore(db);
        var alerts = Enumerable.Range(0, 30_000).Select(i => MakeAlert(i, T0)).ToArray();
        await store.SaveAsync(alerts, 5, TestContext.Current.CancellationToken);
        var changed = alerts[7] with { EndsAt = T0.AddHours(2), UpdatedAt = T0.AddMinutes(3) };
        var added = MakeAlert(40_000, T0);

        var appended = await store.AppendAsync(
            [new AlertChange(changed.Fingerprint, changed), new AlertChange(alerts[8].Fingerprint, null), new AlertChange(added.Fingerprint, added)],
            9, expectedSeq: 5, TestContext.Current.CancellationToken);
        var (loaded, appliedSeq) = await new AlertSnapshotStore(db).LoadAsync(TestContext.Current.CancellationToken);

        Assert.True(appended);
        Assert.Equal(9, appliedSeq);
        var expected = alerts.Where((_, i) => i != 7 && i != 8).Append(changed).Append(added);
        Assert.Equal(expected.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_OfManyPartsOfDifferentSizes_GivesEachAlertAsLastWritten(string engine)
    {
        // Twelve parts, each decoded into blocks its alerts share; an alert of a later part replaces the same alert
        // of an earlier one, and none may read another's pairs or bytes.
        var db = await _dbs.CreateAsync(engine);
        var store = new AlertSnapshotStore(db);
        var alerts = Enumerable.Range(0, 25_000).Select(i => MakeAlert(i, T0)).ToArray();
        await store.SaveAsync(alerts, 1, TestContext.Current.CancellationToken);
        var seq = 1L;
        for (var round = 1; round <= 10; round++)
        {
            var at = T0.AddMinutes(round);
            var changes = new List<Alert>();
            for (var i = 0; i < alerts.Length; i += round + 1)
            {
                alerts[i] = alerts[i] with { EndsAt = at, UpdatedAt = at };
                changes.Add(alerts[i]);
            }
            Assert.True(await store.AppendAsync([.. changes.Select(c => new AlertChange(c.Fingerprint, c))], seq + 1, seq, TestContext.Current.CancellationToken));
            seq++;
        }

        var (loaded, appliedSeq) = await new AlertSnapshotStore(db).LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(11, appliedSeq);
        Assert.Equal(alerts.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Append_WhenTheStoredSnapshotIsNotTheOneTheChangesFollow_WritesNothing(string engine)
    {
        var store = new AlertSnapshotStore(await _dbs.CreateAsync(engine));
        await store.SaveAsync([MakeAlert(1, T0)], 12, TestContext.Current.CancellationToken);

        var appended = await store.AppendAsync([new AlertChange(MakeAlert(2, T0).Fingerprint, MakeAlert(2, T0))], 14, expectedSeq: 10,
            TestContext.Current.CancellationToken);
        var (loaded, appliedSeq) = await store.LoadAsync(TestContext.Current.CancellationToken);

        Assert.False(appended);
        Assert.Equal(12, appliedSeq);
        Assert.Equal([MakeAlert(1, T0)], loaded);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_OfASnapshotWrittenBeforeIncrementalParts_ReadsEveryAlert(string engine)
    {
        var alerts = Enumerable.Range(0, 3).Select(i => MakeAlert(i, T0)).ToArray();

        var loaded = await LoadStoredPartAsync(engine, FormerFormat(alerts));

        Assert.Equal(alerts.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_OfASnapshotWrittenBeforeAnnotationsWerePacked_ReadsEveryAlert(string engine)
    {
        var alerts = Enumerable.Range(0, 3).Select(i => MakeAlert(i, T0))
            .Append(new Alert(LabelSet.Of(("alertname", "Empty")), AnnotationSet.From([new("runbook", "")]), T0, T0.AddMinutes(5), "", T0, false))
            .ToArray();

        var loaded = await LoadStoredPartAsync(engine, TableFormat(alerts));

        Assert.Equal(alerts.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
        Assert.Equal("", loaded.Single(a => a.Labels.Get("alertname") == "Empty").Annotations.Get("runbook"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_OfSeveralParts_SizesTheStateOnceForTheEntriesOfAllOfThem(string engine)
    {
        // Parts come in the order of the table that saved them; a table growing while they are put in packs them into
        // long runs of taken slots (a restart of 1M alerts took 13 s), so the state is sized for all parts at once.
        var db = await _dbs.CreateAsync(engine);
        var alerts = Enumerable.Range(0, 45_000).Select(i => MakeAlert(i, T0)).ToArray();
        await new AlertSnapshotStore(db).SaveAsync(alerts, 5, TestContext.Current.CancellationToken);
        var state = new AlertState();

        await new AlertSnapshotStore(db).LoadIntoAsync(state, TestContext.Current.CancellationToken);

        Assert.Equal(45_000, state.Count);
        Assert.Equal(new AlertTable(45_000).Capacity, state.Capacity);
        Assert.All(alerts, a => Assert.Equal(a, state.Get(a.Fingerprint)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_OfASnapshotWithADamagedPartBetweenGoodOnes_FailsWithWhatIsWrongWithIt(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        await new AlertSnapshotStore(db).SaveAsync([.. Enumerable.Range(0, 45_000).Select(i => MakeAlert(i, T0))], 5, TestContext.Current.CancellationToken);
        await db.WriteAsync(async (conn, tx) =>
        {
            await using var damage = conn.Command(tx, "UPDATE alert_snapshot SET payload = @payload WHERE part = 1");
            damage.AddParameter("@payload", "XXXXnot a snapshot part"u8.ToArray());
            Assert.Equal(1, await damage.ExecuteNonQueryAsync());
        }, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new AlertSnapshotStore(db).LoadAsync(TestContext.Current.CancellationToken));

        Assert.Contains("unknown format", error.Message);
    }

    /// <summary>A snapshot of one part with <paramref name="payload"/>, stored as of sequence 3, loaded by a new store.</summary>
    private async Task<IReadOnlyList<Alert>> LoadStoredPartAsync(string engine, byte[] payload)
    {
        var db = await _dbs.CreateAsync(engine);
        await db.WriteAsync(async (conn, tx) =>
        {
            await using var insert = conn.Command(tx, "INSERT INTO alert_snapshot (part, payload) VALUES (0, @payload)");
            insert.AddParameter("@payload", payload);
            await insert.ExecuteNonQueryAsync();
            await using var seq = conn.Command(tx, "UPDATE checkpoint SET applied_seq = 3 WHERE id = 1");
            await seq.ExecuteNonQueryAsync();
        }, TestContext.Current.CancellationToken);

        var (loaded, appliedSeq) = await new AlertSnapshotStore(db).LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, appliedSeq);
        return loaded;
    }

    [Fact]
    public async Task Load_GivesAlertsSharingALabelValueOneStringForIt()
    {
        var store = new AlertSnapshotStore(await _dbs.CreateAsync("sqlite"));
        await store.SaveAsync(Enumerable.Range(0, 10_000).Select(i => MakeAlert(i, T0)).ToArray(), 1, TestContext.Current.CancellationToken);

        var (loaded, _) = await store.LoadAsync(TestContext.Current.CancellationToken);

        var jobs = loaded.Select(a => a.Labels.Get("job")!).ToArray();
        Assert.All(jobs, j => Assert.Same(jobs[0], j));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_GivesAlertsWhoseLabelsAndAnnotationsBehaveAsThoseOfAPostedAlert(string engine)
    {
        // A part's alerts share one array of label pairs and one of annotation bytes: each must still read as its own.
        var store = new AlertSnapshotStore(await _dbs.CreateAsync(engine));
        var posted = Enumerable.Range(0, 300).Select(i => new Alert(
            LabelSet.From(Enumerable.Range(0, 1 + (i % 6)).Select(k => new KeyValuePair<string, string>($"l{k}", $"v{i}-{k}")).Append(new("alertname", "A"))),
            i % 4 == 0 ? AnnotationSet.Empty : AnnotationSet.From(Enumerable.Range(0, i % 4).Select(k => new KeyValuePair<string, string>($"a{k}", k == 1 ? "" : $"text {i} ☃"))),
            T0, T0.AddHours(1), "", T0, Timeout: false)).ToArray();
        await store.SaveAsync(posted, 1, TestContext.Current.CancellationToken);

        var (loaded, _) = await store.LoadAsync(TestContext.Current.CancellationToken);

        var byFingerprint = loaded.ToDictionary(a => a.Fingerprint);
        Assert.Equal(posted.Length, byFingerprint.Count);
        foreach (var original in posted)
        {
            var restored = byFingerprint[original.Fingerprint];
            Assert.Equal(original, restored);
            Assert.Equal(original.Labels.ToList(), restored.Labels.ToList());
            Assert.Equal(original.Labels.Count, restored.Labels.Count);
            Assert.Equal(original.Labels[original.Labels.Count - 1], restored.Labels[restored.Labels.Count - 1]);
            Assert.Equal(original.Labels.ToString(), restored.Labels.ToString());
            Assert.Equal(original.Labels.Get("l0"), restored.Labels.Get("l0"));
            Assert.Null(restored.Labels.Get("zz"));
            Assert.Equal(original.Labels.With("l0", "x"), restored.Labels.With("l0", "x"));
            Assert.Equal(LabelSet.Of(("alertname", "A")), restored.Labels.Only(new HashSet<string>(StringComparer.Ordinal) { "alertname" }));
            Assert.Equal(original.Labels.ToDictionary(), restored.Labels.ToDictionary());
            Assert.Equal(original.Annotations.ToList(), restored.Annotations.ToList());
            Assert.Equal(original.Annotations.Count, restored.Annotations.Count);
            Assert.Equal(original.Annotations.Get("a0"), restored.Annotations.Get("a0"));
            Assert.Equal(original.Annotations.IsEmpty, restored.Annotations.IsEmpty);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_OfAlertsWithoutAnnotations_GivesThemNone(string engine)
    {
        var store = new AlertSnapshotStore(await _dbs.CreateAsync(engine));
        var posted = Enumerable.Range(0, 50).Select(i => new Alert(LabelSet.Of(("alertname", "A"), ("i", $"{i}")), AnnotationSet.Empty, T0, T0.AddHours(1), "", T0, Timeout: false)).ToArray();
        await store.SaveAsync(posted, 1, TestContext.Current.CancellationToken);

        var (loaded, _) = await store.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(posted.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
        Assert.All(loaded, a => Assert.True(a.Annotations.IsEmpty));
    }

    /// <summary>A part as the snapshot writer wrote it before incremental parts ("VGS1": strings inline).</summary>
    private static byte[] FormerFormat(IReadOnlyList<Alert> alerts)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(0x31534756);
            w.Write(alerts.Count);
            foreach (var a in alerts)
            {
                foreach (var set in new[] { a.Labels, a.Annotations.ToLabelSet() })
                {
                    w.Write7BitEncodedInt(set.Count);
                    foreach (var (k, v) in set)
                    {
                        w.Write(k);
                        w.Write(v);
                    }
                }
                w.Write(a.StartsAt.UtcTicks);
                w.Write(a.EndsAt.UtcTicks);
                w.Write(a.UpdatedAt.UtcTicks);
                w.Write(a.GeneratorUrl);
                w.Write(a.Timeout);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A part as the snapshot writer wrote it before annotations were packed ("VGS2": a string table, annotations as indexes into it).</summary>
    private static byte[] TableFormat(IReadOnlyList<Alert> alerts)
    {
        var table = new List<string>();
        int Index(string s)
        {
            var i = table.IndexOf(s);
            if (i < 0)
            {
                table.Add(s);
                i = table.Count - 1;
            }
            return i;
        }
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            foreach (var a in alerts)
            {
                w.Write((byte)1);
                w.Write(a.Fingerprint.Value);
                foreach (var set in new[] { a.Labels, a.Annotations.ToLabelSet() })
                {
                    w.Write7BitEncodedInt(set.Count);
                    foreach (var (k, v) in set)
                    {
                        w.Write7BitEncodedInt(Index(k));
                        w.Write7BitEncodedInt(Index(v));
                    }
                }
                w.Write(a.StartsAt.UtcTicks);
                w.Write(a.EndsAt.UtcTicks);
                w.Write(a.UpdatedAt.UtcTicks);
                w.Write7BitEncodedInt(Index(a.GeneratorUrl));
                w.Write(a.Timeout);
            }
        }
        using var part = new MemoryStream();
        using (var w = new BinaryWriter(part))
        {
            w.Write(0x32534756);
            w.Write(alerts.Count);
            w.Write7BitEncodedInt(table.Count);
            foreach (var s in table)
            {
                w.Write(false);
                w.Write(s);
            }
            w.Write(body.ToArray());
        }
        return part.ToArray();
    }

    internal static Alert MakeAlert(int i, DateTimeOffset t0) => new(
        LabelSet.Of(("alertname", "HighLatency"), ("instance", $"host-{i}:9100"), ("job", "node"), ("severity", i % 3 == 0 ? "critical" : "warning")),
        AnnotationSet.Of(("summary", $"Latency high on host-{i}"), ("description", new string('x', 120))),
        t0, t0.AddMinutes(5), $"http://prometheus:9090/graph?g0.expr=latency%7Binstance%3D%22host-{i}%22%7D", t0, Timeout: i % 2 == 0);
}
