using System.Data.Common;
using Microsoft.Data.Sqlite;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

/// <summary>The prepared per-row statement the burst paths write through (raw SQLite handle, or an ADO.NET command on PostgreSQL).</summary>
public sealed class RowStatementTests : IAsyncDisposable
{
    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<(long PageId, string Kind, string? Detail)>> EventsAsync(Database db)
    {
        await using var conn = await db.OpenConnectionAsync(Ct);
        await using var cmd = conn.Command(null, "SELECT page_id, kind, detail FROM page_events ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        var rows = new List<(long, string, string?)>();
        while (await r.ReadAsync(Ct))
        {
            rows.Add((r.GetInt64(0), r.GetString(1), r.GetString(2)));
        }
        return rows;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RowsBoundInOrder_AreWritten_AndEachRunSaysHowManyRowsItChanged(string engine)
    {
        var db = await _dbs.CreateAsync(engine);

        var changed = await db.WriteAsync(async (conn, tx) =>
        {
            await using var insert = RowStatement.Prepare(conn, tx, "INSERT INTO page_events (page_id, at, kind, actor, detail) VALUES ({0}, {1}, {2}, {3}, {2})");
            var counts = new List<int>();
            foreach (var (page, kind) in new[] { (1L, "triggered"), (2L, "escalated"), (1L, "notified") })
            {
                counts.Add(await insert.Add(page).Add(1_700_000_000_000L).Add(kind).Add("vigil").ExecuteAsync(Ct));
            }
            await using var update = RowStatement.Prepare(conn, tx, "UPDATE page_events SET detail = {0} WHERE page_id = {1}");
            counts.Add(await update.Add("seen").Add(1L).ExecuteAsync(Ct));
            counts.Add(await update.Add("none").Add(99L).ExecuteAsync(Ct));
            return counts;
        }, Ct);

        Assert.Equal([1, 1, 1, 2, 0], changed);
        Assert.Equal([(1L, "triggered", "seen"), (2L, "escalated", "escalated"), (1L, "notified", "seen")], await EventsAsync(db));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnInsertRunForItsId_ReturnsTheIdEachRowWasGiven_InTheOrderTheyWereWritten(string engine)
    {
        var db = await _dbs.CreateAsync(engine);

        var ids = await db.WriteAsync(async (conn, tx) =>
        {
            await using var insert = RowStatement.PrepareInsert(conn, tx, "INSERT INTO page_events (page_id, at, kind, actor, detail) VALUES ({0}, {1}, {2}, {3}, {2})", "id");
            var given = new List<long>();
            foreach (var kind in new[] { "triggered", "escalated", "notified" })
            {
                given.Add(await insert.Add(7L).Add(1_700_000_000_000L).Add(kind).Add("vigil").ExecuteReturningAsync(Ct));
            }
            return given;
        }, Ct);

        await using var conn = await db.OpenConnectionAsync(Ct);
        await using var cmd = conn.Command(null, "SELECT id, kind FROM page_events ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        var stored = new List<(long, string)>();
        while (await r.ReadAsync(Ct))
        {
            stored.Add((r.GetInt64(0), r.GetString(1)));
        }
        Assert.Equal(ids.Zip(["triggered", "escalated", "notified"]).Select(p => (p.First, p.Second)), stored);
        Assert.True(ids[0] < ids[1] && ids[1] < ids[2]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARowTheDatabaseRefuses_FailsTheTransaction_WithTheDatabasesOwnError_AndLeavesNothing(string engine)
    {
        var db = await _dbs.CreateAsync(engine);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => db.WriteAsync(async (conn, tx) =>
        {
            await using var insert = RowStatement.Prepare(conn, tx, "INSERT INTO page_events (page_id, at, kind, actor, detail) VALUES ({0}, {1}, {2}, {3}, {4})");
            await insert.Add(1L).Add(1L).Add("triggered").Add("vigil").Add("first").ExecuteAsync(Ct);
            return await insert.Add(2L).Add(1L).Add((string?)null).Add("vigil").Add("no kind").ExecuteAsync(Ct);
        }, Ct));

        Assert.Contains("kind", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await EventsAsync(db));
    }

    [Fact]
    public async Task AStatementKeptPastItsConnection_IsFinalizedAsTheConnectionCloses()
    {
        var db = await _dbs.CreateAsync("sqlite");
        var conn = (SqliteConnection)await db.OpenConnectionAsync(Ct);
        var kept = new SqliteRowStatement(conn, "SELECT ?1");
        Assert.Equal(0, await kept.Add(1L).ExecuteAsync(Ct));

        await conn.DisposeAsync(); // its handle goes back to the pool, still open

        Assert.Throws<ObjectDisposedException>(() => kept.Add(2L));
        await kept.DisposeAsync(); // and disposing it later is harmless
    }
}
