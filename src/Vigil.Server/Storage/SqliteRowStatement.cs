using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Vigil.Server.Storage;

/// <summary>
/// A <see cref="RowStatement"/> prepared on the SQLite connection's own handle (the one its transaction runs on), with
/// values bound by position. SQLite runs in process, so a run is a call, not a round trip: nothing is awaited. It is
/// finalized as its connection closes, so a statement kept across transactions (the ingest log's) does not stay on the
/// handle the connection pool keeps for its next user.
/// </summary>
internal sealed class SqliteRowStatement : RowStatement
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly WriterStatements? _keptBy;
    private readonly string _keptAs;
    private int _next;

    /// <param name="keptBy">The writer's set this statement goes back to when disposed (still prepared), if any.</param>
    /// <param name="keptAs">The text it is kept under there (the caller's, before its values were renamed).</param>
    public SqliteRowStatement(SqliteConnection connection, string sql, WriterStatements? keptBy = null, string? keptAs = null)
    {
        _connection = connection;
        _keptBy = keptBy;
        _keptAs = keptAs ?? sql;
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
            throw new InvalidOperationException($"SQLite could not prepare a statement (code {rc})");
        }
        _statement = statement;
        connection.StateChange += OnStateChange;
    }

    public override RowStatement Add(long value) => Check(raw.sqlite3_bind_int64(_statement, ++_next, value));

    public override RowStatement Add(long? value) => value is { } v ? Add(v) : Check(raw.sqlite3_bind_null(_statement, ++_next));

    public override RowStatement Add(string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, ++_next) : raw.sqlite3_bind_text(_statement, ++_next, value));

    public override RowStatement Add(byte[]? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, ++_next) : raw.sqlite3_bind_blob(_statement, ++_next, value));

    /// <summary>Binds a blob from a span (a slice of a pooled buffer, say); SQLite copies it at once.</summary>
    public SqliteRowStatement Add(ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, ++_next, value));

    public override ValueTask<int> ExecuteAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _next = 0;
        var rc = raw.sqlite3_step(_statement);
        try
        {
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
            return ValueTask.FromResult(raw.sqlite3_changes(_db));
        }
        finally
        {
            // Ready for the next row; the bindings stay, each replaced by the next row's values.
            raw.sqlite3_reset(_statement);
        }
    }

    public override async ValueTask<long> ExecuteReturningAsync(CancellationToken ct)
    {
        await ExecuteAsync(ct).ConfigureAwait(false);
        return LastInsertRowId;
    }

    /// <summary>The rowid the last INSERT on this connection gave its row (an <c>INTEGER PRIMARY KEY</c> column is that rowid).</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    public override ValueTask DisposeAsync()
    {
        if (_keptBy is not null)
        {
            _next = 0;
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
            if (_keptBy.GiveBack(this, _keptAs))
            {
                return ValueTask.CompletedTask;
            }
        }
        _connection.StateChange -= OnStateChange;
        _statement.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnStateChange(object? sender, System.Data.StateChangeEventArgs e)
    {
        if (e.CurrentState == System.Data.ConnectionState.Closed)
        {
            _statement.Dispose();
        }
    }

    private SqliteRowStatement Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
        return this;
    }
}
