using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Vigil.Server.Storage;

/// <summary>
/// One statement run once per row in the caller's transaction, its values given in order. The SQL names them
/// <c>{0}</c>, <c>{1}</c>, … (a value may be named twice). On SQLite the statement is prepared once and its values
/// bound by position straight into SQLite (<see cref="SqliteRowStatement"/>): through ADO.NET each execution created a
/// parameter object and a binder per value and looked every name up again, about 2–3 µs and 1 KB a row, which a burst
/// of 10,000 pages pays five times a page (docs/benchmarks.md, "Session 36"). On PostgreSQL it is a command whose
/// parameters are created once and given new values per row.
/// </summary>
internal abstract partial class RowStatement : IAsyncDisposable
{
    /// <summary>Prepares <paramref name="sql"/> (values named <c>{0}</c>, <c>{1}</c>, …) on the caller's transaction.</summary>
    /// On the SQLite writer the statement is the one kept prepared for this text (<see cref="WriterStatements"/>).
    public static RowStatement Prepare(DbConnection conn, DbTransaction tx, string sql) => conn is not SqliteConnection sqlite
        ? new CommandRowStatement(conn.Command(tx, Placeholder().Replace(sql, m => "@v" + Index(m).ToString(CultureInfo.InvariantCulture))))
        : WriterStatements.Of(sqlite) is { } kept ? kept.Row(sql, Positional) : new SqliteRowStatement(sqlite, Positional(sql));

    /// <summary><paramref name="sql"/> with its values named as SQLite binds them by position (<c>?1</c>, <c>?2</c>, …).</summary>
    private static string Positional(string sql) => Placeholder().Replace(sql, m => "?" + (Index(m) + 1).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// <see cref="Prepare"/> for an INSERT of one row whose id <see cref="ExecuteReturningAsync"/> gives back: on SQLite
    /// the row's id (<paramref name="idColumn"/> is its <c>INTEGER PRIMARY KEY</c>), elsewhere through
    /// <c>RETURNING <paramref name="idColumn"/></c>.
    /// </summary>
    public static RowStatement PrepareInsert(DbConnection conn, DbTransaction tx, string insertSql, string idColumn) =>
        Prepare(conn, tx, conn is SqliteConnection ? insertSql : $"{insertSql} RETURNING {idColumn}");

    /// <summary>How many values a row of <paramref name="sql"/> takes: one more than the highest <c>{n}</c>.</summary>
    public static int Width(string sql) => Placeholder().Matches(sql).Select(Index).DefaultIfEmpty(-1).Max() + 1;

    /// <summary><paramref name="sql"/> with each <c>{n}</c> renamed by <paramref name="name"/>.</summary>
    public static string Rename(string sql, Func<int, string> name) => Placeholder().Replace(sql, m => name(Index(m)));

    /// <summary>The next value of this row.</summary>
    public abstract RowStatement Add(long value);

    /// <inheritdoc cref="Add(long)"/>
    public abstract RowStatement Add(long? value);

    /// <inheritdoc cref="Add(long)"/>
    public abstract RowStatement Add(string? value);

    /// <inheritdoc cref="Add(long)"/>
    public abstract RowStatement Add(byte[]? value);

    /// <summary>Runs the statement with the values given since the last run; returns the rows it changed.</summary>
    public abstract ValueTask<int> ExecuteAsync(CancellationToken ct);

    /// <summary>Runs a statement made by <see cref="PrepareInsert"/> with the values given since the last run; returns the id the row was given.</summary>
    public abstract ValueTask<long> ExecuteReturningAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    private static int Index(Match m) => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>A <see cref="RowStatement"/> as an ADO.NET command (PostgreSQL): its parameters <c>@v0</c>, <c>@v1</c>, … made by the first row.</summary>
internal sealed class CommandRowStatement(DbCommand command) : RowStatement
{
    private int _next;

    public override RowStatement Add(long value) => Set(value);

    public override RowStatement Add(long? value) => Set(value);

    public override RowStatement Add(string? value) => Set(value);

    public override RowStatement Add(byte[]? value) => Set(value);

    public override async ValueTask<int> ExecuteAsync(CancellationToken ct)
    {
        _next = 0;
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public override async ValueTask<long> ExecuteReturningAsync(CancellationToken ct)
    {
        _next = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public override ValueTask DisposeAsync() => command.DisposeAsync();

    private CommandRowStatement Set(object? value)
    {
        if (_next == command.Parameters.Count)
        {
            command.AddParameter("@v" + _next.ToString(CultureInfo.InvariantCulture), value);
        }
        else
        {
            command.Parameters[_next].Value = value ?? DBNull.Value;
        }
        _next++;
        return this;
    }
}
