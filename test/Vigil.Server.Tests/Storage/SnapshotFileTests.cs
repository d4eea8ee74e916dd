using Vigil.Server.Alerts;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

/// <summary>
/// On SQLite the alert snapshot lives in <c>snapshot.db</c> beside <c>vigil.db</c>, so writing it never holds the
/// writer that alert POSTs and notifications commit through. PostgreSQL keeps it in the one database
/// (<see cref="AlertSnapshotStoreTests"/> runs the store on both engines).
/// </summary>
public sealed class SnapshotFileTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    [Fact]
    public async Task Snapshot_IsWrittenToItsOwnFile_AndReadBackFromIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (db, file, dir) = await _dbs.CreateSqliteWithSnapshotFileAsync();
        var store = new AlertSnapshotStore(db, file);
        await store.LoadAsync(ct);
        var alerts = Enumerable.Range(0, 3).Select(i => AlertSnapshotStoreTests.MakeAlert(i, T0)).ToArray();

        await store.SaveAsync(alerts, 7, ct);

        Assert.True(File.Exists(Path.Combine(dir, SnapshotDatabase.FileName)));
        Assert.Equal(0, await PartsInAsync(db));
        Assert.Equal(1, await PartsInAsync(file.Database));
        var (loaded, appliedSeq) = await new AlertSnapshotStore(db, file).LoadAsync(ct);
        Assert.Equal(7, appliedSeq);
        Assert.Equal(alerts.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
    }

    [Fact]
    public async Task AfterAFreshStart_ChangesAreAddedToTheOwnFile_WithoutAWholeSnapshotFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var (db, file, _) = await _dbs.CreateSqliteWithSnapshotFileAsync();
        var store = new AlertSnapshotStore(db, file);
        var (empty, startSeq) = await store.LoadAsync(ct);
        var added = AlertSnapshotStoreTests.MakeAlert(1, T0);

        var appended = await store.AppendAsync([new AlertChange(added.Fingerprint, added)], 3, expectedSeq: startSeq, ct);

        Assert.Empty(empty);
        Assert.True(appended);
        var (loaded, appliedSeq) = await new AlertSnapshotStore(db, file).LoadAsync(ct);
        Assert.Equal(3, appliedSeq);
        Assert.Equal([added], loaded);
    }

    [Fact]
    public async Task SnapshotAnOlderVersionKeptInTheDatabase_IsRead_ThenMovedToTheOwnFileByTheNextWholeSnapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        var (db, file, _) = await _dbs.CreateSqliteWithSnapshotFileAsync();
        var old = Enumerable.Range(0, 5).Select(i => AlertSnapshotStoreTests.MakeAlert(i, T0)).ToArray();
        await new AlertSnapshotStore(db).SaveAsync(old, 4, ct); // where versions before snapshot.db kept it

        var store = new AlertSnapshotStore(db, file);
        var (restored, restoredSeq) = await store.LoadAsync(ct);
        var changed = old[0] with { EndsAt = T0.AddHours(1), UpdatedAt = T0.AddMinutes(1) };
        // The own file has no snapshot to add to: the checkpoint writer then writes a whole one.
        var appended = await store.AppendAsync([new AlertChange(changed.Fingerprint, changed)], 6, expectedSeq: 4, ct);
        var now = old.Skip(1).Append(changed).ToArray();
        await store.SaveAsync(now, 6, ct);

        Assert.Equal(4, restoredSeq);
        Assert.Equal(old.OrderBy(a => a.Fingerprint.Value), restored.OrderBy(a => a.Fingerprint.Value));
        Assert.False(appended);
        Assert.Equal(0, await PartsInAsync(db));
        var (loaded, appliedSeq) = await new AlertSnapshotStore(db, file).LoadAsync(ct);
        Assert.Equal(6, appliedSeq);
        Assert.Equal(now.OrderBy(a => a.Fingerprint.Value), loaded.OrderBy(a => a.Fingerprint.Value));
    }

    [Fact]
    public async Task WhileASnapshotIsBeingWritten_TheDatabaseStillCommits()
    {
        var ct = TestContext.Current.CancellationToken;
        var (db, file, _) = await _dbs.CreateSqliteWithSnapshotFileAsync();
        await using var log = new IngestLog(db);
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A snapshot write that takes as long as the test wants: it holds the snapshot file's writer throughout.
        var snapshotWrite = file.Database.WriteAsync(async (_, _) =>
        {
            writing.SetResult();
            await release.Task;
        }, ct);
        await writing.Task;

        long seq;
        try
        {
            seq = await log.AppendAsync("alertmanager.v2", "[]"u8.ToArray(), T0, tag: null, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        finally
        {
            release.SetResult();
            await snapshotWrite;
        }
        Assert.True(seq > 0);
    }

    private static async Task<long> PartsInAsync(Database db)
    {
        await using var conn = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM alert_snapshot";
        return (long)(await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
