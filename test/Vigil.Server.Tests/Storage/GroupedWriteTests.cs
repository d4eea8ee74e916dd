using System.Data.Common;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

/// <summary>
/// <see cref="Database.WriteGroupedAsync{T}"/>: writes made at the same moment share a transaction on SQLite (each in its
/// own savepoint), yet each caller sees exactly what a write of its own would have given it. On PostgreSQL they are
/// plain transactions; the same assertions hold.
/// </summary>
public sealed class GroupedWriteTests : IAsyncDisposable
{
    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Writes_MadeTogether_AreAllStored_AndEachCallerGetsItsOwnResult(string engine)
    {
        var db = await ScratchAsync(engine);
        var writes = await WhileTheWriterIsBusyAsync(db, () => Enumerable.Range(0, 40).Select(i => db.WriteGroupedAsync(async (conn, tx) =>
        {
            await InsertAsync(conn, tx, $"k{i}");
            return i * 10;
        }, TestContext.Current.CancellationToken)).ToList());

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 10), await Task.WhenAll(writes));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"k{i}").Order(StringComparer.Ordinal), await KeysAsync(db));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task A_WriteThatFails_IsUndoneAlone_AndOnlyItsCallerGetsTheError(string engine)
    {
        var db = await ScratchAsync(engine);
        await db.WriteAsync((conn, tx) => InsertAsync(conn, tx, "taken"), TestContext.Current.CancellationToken);
        var writes = await WhileTheWriterIsBusyAsync(db, () => Enumerable.Range(0, 10).Select(i => db.WriteGroupedAsync(async (conn, tx) =>
        {
            await InsertAsync(conn, tx, $"k{i}");
            if (i == 3)
            {
                throw new InvalidOperationException("write 3 changed its mind");
            }
            if (i == 6)
            {
                // A second row the database refuses: the first row of this write goes too.
                await InsertAsync(conn, tx, "taken");
            }
            return i;
        }, TestContext.Current.CancellationToken)).ToList());

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[3]);
        Assert.Equal("write 3 changed its mind", thrown.Message);
        await Assert.ThrowsAnyAsync<DbException>(() => writes[6]);
        foreach (var i in new[] { 0, 1, 2, 4, 5, 7, 8, 9 })
        {
            Assert.Equal(i, await writes[i]);
        }
        Assert.Equal(new[] { "k0", "k1", "k2", "k4", "k5", "k7", "k8", "k9", "taken" }, await KeysAsync(db));
    }

    // SQLite only: its writes go through one connection the database owns, which disposing closes. On PostgreSQL each
    // write has a pooled connection of its own.
    [Fact]
    public async Task Disposing_WhileAWriteIsInFlight_LetsThatWriteCommit_AndRefusesLaterWrites()
    {
        var db = await ScratchAsync("sqlite");
        string file;
        await using (var probe = await db.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(probe.ConnectionString).DataSource;
        }
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = db.WriteAsync(async (conn, tx) =>
        {
            holding.SetResult();
            await release.Task;
            await InsertAsync(conn, tx, "written while disposing");
        }, TestContext.Current.CancellationToken);
        await holding.Task;

        var disposing = db.DisposeAsync().AsTask();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(disposing.IsCompleted, "disposing waits for the write in flight");
        release.SetResult();
        await inFlight;
        await disposing;

        await Assert.ThrowsAsync<ObjectDisposedException>(() => db.WriteAsync((conn, tx) => InsertAsync(conn, tx, "too late"), TestContext.Current.CancellationToken));
        await using var reopened = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await reopened.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = reopened.Command(null, "SELECT k FROM scratch");
        Assert.Equal("written while disposing", await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    private async Task<Database> ScratchAsync(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        await db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "CREATE TABLE scratch (k TEXT NOT NULL PRIMARY KEY)");
            await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);
        return db;
    }

    /// <summary>
    /// Makes the writes while another write holds SQLite's writer, so they queue and run as one group when it is done
    /// (on PostgreSQL they simply run alongside it).
    /// </summary>
    private static async Task<List<Task<int>>> WhileTheWriterIsBusyAsync(Database db, Func<List<Task<int>>> make)
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = db.WriteAsync(async (_, _) =>
        {
            holding.SetResult();
            await release.Task;
        }, TestContext.Current.CancellationToken);
        await holding.Task;
        var writes = make();
        release.SetResult();
        await busy;
        return writes;
    }

    private static async Task InsertAsync(DbConnection conn, DbTransaction tx, string key)
    {
        await using var cmd = conn.Command(tx, "INSERT INTO scratch (k) VALUES (@k)");
        cmd.AddParameter("@k", key);
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> KeysAsync(Database db)
    {
        await using var conn = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var cmd = conn.Command(null, "SELECT k FROM scratch");
        var keys = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await r.ReadAsync(TestContext.Current.CancellationToken))
        {
            keys.Add(r.GetString(0));
        }
        return [.. keys.Order(StringComparer.Ordinal)];
    }
}
