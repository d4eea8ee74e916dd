using System.Data.Common;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

/// <summary>
/// The SQLite writer keeps its statements prepared from one transaction to the next (<see cref="WriterStatements"/>):
/// what each write stores must be exactly what it bound, whoever used the statement before it.
/// </summary>
public sealed class WriterStatementsTests : IAsyncDisposable
{
    private const string InsertEvent = "INSERT INTO page_events (page_id, at, kind, actor, detail) VALUES (@page, 1, @kind, 'vigil', @detail)";

    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<(long PageId, string Kind, string Detail)>> EventsAsync(Database db)
    {
        await using var conn = await db.OpenConnectionAsync(Ct);
        await using var cmd = conn.Command(null, "SELECT page_id, kind, detail FROM page_events ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        var rows = new List<(long, string, string)>();
        while (await r.ReadAsync(Ct))
        {
            rows.Add((r.GetInt64(0), r.GetString(1), r.GetString(2)));
        }
        return rows;
    }

    private static async Task<DbCommand> InsertAsync(DbConnection conn, DbTransaction tx, long page, string kind, string detail)
    {
        await using var cmd = conn.Command(tx, InsertEvent);
        cmd.AddParameter("@page", page);
        cmd.AddParameter("@kind", kind);
        cmd.AddParameter("@detail", detail);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync(Ct));
        return cmd;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OneStatementWrittenInManyTransactions_StoresEachTransactionsOwnValues_AndTheSqliteWriterPreparesItOnce(string engine)
    {
        var db = await _dbs.CreateAsync(engine);

        var used = new List<DbCommand>();
        foreach (var (page, kind, detail) in new[] { (1L, "triggered", "first"), (2L, "escalated", "second"), (3L, "notified", "third") })
        {
            used.Add(await db.WriteAsync((conn, tx) => InsertAsync(conn, tx, page, kind, detail), Ct));
        }

        Assert.Equal([(1L, "triggered", "first"), (2L, "escalated", "second"), (3L, "notified", "third")], await EventsAsync(db));
        if (engine == "sqlite")
        {
            Assert.Same(used[0], used[1]);
            Assert.Same(used[1], used[2]);
        }
        else
        {
            Assert.NotSame(used[0], used[1]);
        }
    }

    [Fact]
    public async Task TheSameStatementTwiceAtOnce_GivesEachUserItsOwn_AndBothWrite()
    {
        var db = await _dbs.CreateAsync("sqlite");

        await db.WriteAsync(async (conn, tx) =>
        {
            await using var outer = conn.Command(tx, InsertEvent);
            await using var inner = conn.Command(tx, InsertEvent);
            Assert.NotSame(outer, inner);
            outer.AddParameter("@page", 1L);
            outer.AddParameter("@kind", "triggered");
            outer.AddParameter("@detail", "outer");
            inner.AddParameter("@page", 2L);
            inner.AddParameter("@kind", "escalated");
            inner.AddParameter("@detail", "inner");
            await inner.ExecuteNonQueryAsync(Ct);
            await outer.ExecuteNonQueryAsync(Ct);
        }, Ct);

        Assert.Equal([(2L, "escalated", "inner"), (1L, "triggered", "outer")], await EventsAsync(db));
    }

    [Fact]
    public async Task AKeptCommand_ComesBackWithoutTheLastUsersValues_SoAWriteThatForgetsOneFailsInsteadOfReusingIt()
    {
        var db = await _dbs.CreateAsync("sqlite");
        await db.WriteAsync((conn, tx) => InsertAsync(conn, tx, 1, "triggered", "first"), Ct);

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, InsertEvent);
            cmd.AddParameter("@page", 2L);
            cmd.AddParameter("@kind", "escalated");
            return await cmd.ExecuteNonQueryAsync(Ct);
        }, Ct));

        Assert.Contains("@detail", error.Message, StringComparison.Ordinal);
        Assert.Equal([(1L, "triggered", "first")], await EventsAsync(db));
    }

    [Fact]
    public async Task AKeptRowStatement_ComesBackWithNoValuesBound_EvenWhenItsLastUserStoppedHalfWay()
    {
        var db = await _dbs.CreateAsync("sqlite");
        const string insert = "INSERT INTO page_events (page_id, at, kind, actor, detail) VALUES ({0}, 1, {1}, 'vigil', {2})";
        await db.WriteAsync(async (conn, tx) =>
        {
            await using var row = RowStatement.Prepare(conn, tx, insert);
            await row.Add(1L).Add("triggered").Add("first").ExecuteAsync(Ct);
            row.Add(9L).Add("half-way"); // bound, never run
        }, Ct);

        await db.WriteAsync(async (conn, tx) =>
        {
            await using var row = RowStatement.Prepare(conn, tx, insert);
            await row.Add(2L).Add("escalated").Add("second").ExecuteAsync(Ct);
        }, Ct);
        var error = await Assert.ThrowsAnyAsync<DbException>(() => db.WriteAsync(async (conn, tx) =>
        {
            await using var row = RowStatement.Prepare(conn, tx, insert);
            return await row.ExecuteAsync(Ct); // nothing bound: page_id, kind and detail are NULL, which the table refuses
        }, Ct));

        Assert.Contains("NOT NULL", error.Message, StringComparison.Ordinal);
        Assert.Equal([(1L, "triggered", "first"), (2L, "escalated", "second")], await EventsAsync(db));
    }

    [Fact]
    public async Task ACommandWhoseTextItsUserReplaced_IsNotKept()
    {
        var db = await _dbs.CreateAsync("sqlite");

        var kept = await db.WriteAsync(async (conn, tx) =>
        {
            await using (var cmd = conn.Command(tx, ""))
            {
                cmd.AddParameter("@p0", 1L);
                cmd.CommandText = "SELECT COUNT(*) FROM page_events WHERE page_id IN (@p0)";
                Assert.Equal(0L, await cmd.ExecuteScalarAsync(Ct));
            }
            return WriterStatements.Of(conn)!.Count;
        }, Ct);

        Assert.Equal(0, kept);
    }

    [Fact]
    public async Task AfterAFailedWriteReplacesTheWriter_TheNextWritesPrepareOnTheNewOne_AndStore()
    {
        var db = await _dbs.CreateAsync("sqlite");
        var first = await db.WriteAsync((conn, tx) => InsertAsync(conn, tx, 1, "triggered", "first"), Ct);

        await Assert.ThrowsAnyAsync<DbException>(() => db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "INSERT INTO no_such_table VALUES (1)");
            return await cmd.ExecuteNonQueryAsync(Ct);
        }, Ct));
        var second = await db.WriteAsync((conn, tx) => InsertAsync(conn, tx, 2, "escalated", "second"), Ct);
        var third = await db.WriteAsync((conn, tx) => InsertAsync(conn, tx, 3, "notified", "third"), Ct);

        Assert.NotSame(first, second);
        Assert.Same(second, third);
        Assert.Equal([(1L, "triggered", "first"), (2L, "escalated", "second"), (3L, "notified", "third")], await EventsAsync(db));
    }

    [Fact]
    public async Task AWriterClosedAfterAnError_KeepsNoStatementForTheSqliteHandleThePoolHandsOutNext()
    {
        var db = await _dbs.CreateAsync("sqlite");
        WriterStatements? kept = null;
        await db.WriteAsync(async (conn, tx) =>
        {
            kept = WriterStatements.Of(conn);
            await InsertAsync(conn, tx, 1, "triggered", "first");
            await using (var row = RowStatement.Prepare(conn, tx, "UPDATE page_events SET detail = {0} WHERE page_id = {1}"))
            {
                await row.Add("seen").Add(1L).ExecuteAsync(Ct);
            }
            Assert.Equal(2, WriterStatements.Of(conn)!.Count);
        }, Ct);

        await Assert.ThrowsAnyAsync<DbException>(() => db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "INSERT INTO no_such_table VALUES (1)");
            return await cmd.ExecuteNonQueryAsync(Ct);
        }, Ct));

        // The failed write closed the writer. Closing disposes its commands while it still reads as open, which a kept
        // command would take for a user giving it back, and its statement would stay on the handle the pool hands out next.
        Assert.Equal(0, kept!.Count);
        Assert.Equal([(1L, "triggered", "seen")], await EventsAsync(db));
    }

    [Fact]
    public async Task MoreTextsThanTheWriterKeeps_StillRun_AndAtMostItsLimitStayPrepared()
    {
        var db = await _dbs.CreateAsync("sqlite");

        var (sum, kept) = await db.WriteAsync(async (conn, tx) =>
        {
            long total = 0;
            for (var i = 0; i < WriterStatements.MaxTexts + 20; i++)
            {
                await using var cmd = conn.Command(tx, $"SELECT {i}");
                total += (long)(await cmd.ExecuteScalarAsync(Ct))!;
            }
            return (total, WriterStatements.Of(conn)!.Count);
        }, Ct);

        var n = WriterStatements.MaxTexts + 20;
        Assert.Equal((long)n * (n - 1) / 2, sum);
        Assert.Equal(WriterStatements.MaxTexts, kept);
    }

    [Fact]
    public async Task ACommandThatBoundALargeValue_IsNotKept_SoTheValueIsNotHeldBetweenWrites()
    {
        var db = await _dbs.CreateAsync("sqlite");

        var kept = await db.WriteAsync(async (conn, tx) =>
        {
            await using (var cmd = conn.Command(tx, "SELECT length(@v)"))
            {
                cmd.AddParameter("@v", new string('x', WriterStatements.LargeValue + 1));
                Assert.Equal((long)WriterStatements.LargeValue + 1, await cmd.ExecuteScalarAsync(Ct));
            }
            return WriterStatements.Of(conn)!.Count;
        }, Ct);

        Assert.Equal(0, kept);
    }

    [Fact]
    public async Task ManyStatementsKept_LeaveTheWriterRoomInSqlitesSmallObjectAllocator()
    {
        var db = await _dbs.CreateAsync("sqlite");

        var missed = await db.WriteAsync(async (conn, tx) =>
        {
            for (var i = 0; i < 100; i++)
            {
                await using var kept = conn.Command(tx, $"SELECT COUNT(*) FROM page_events WHERE page_id = @p AND kind <> '{i}'");
                kept.AddParameter("@p", (long)i);
                await kept.ExecuteScalarAsync(Ct);
            }
            var handle = ((Microsoft.Data.Sqlite.SqliteConnection)conn).Handle!;
            SQLitePCL.raw.sqlite3_db_status(handle, SQLitePCL.raw.SQLITE_DBSTATUS_LOOKASIDE_MISS_FULL, out _, out _, 1);
            for (var i = 0; i < 50; i++)
            {
                await InsertAsync(conn, tx, i, "triggered", "with 100 statements kept");
            }
            SQLitePCL.raw.sqlite3_db_status(handle, SQLitePCL.raw.SQLITE_DBSTATUS_LOOKASIDE_MISS_FULL, out _, out var full, 0);
            return full;
        }, Ct);

        Assert.Equal(0, missed);
    }

    [Fact]
    public async Task AReadConnection_KeepsNothing()
    {
        var db = await _dbs.CreateAsync("sqlite");
        await using var conn = await db.OpenConnectionAsync(Ct);

        Assert.Null(WriterStatements.Of(conn));
    }
}
