using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Vigil.Server.Storage;

/// <summary>
/// Inserts many rows in the caller's transaction. On PostgreSQL a statement carries up to a hundred rows (one round trip
/// each); on SQLite, which has no round trips, one row per statement through one prepared statement bound per row
/// (<see cref="RowStatement"/>): a statement of many rows is parsed anew and costs more than it saves.
/// </summary>
internal static class RowInserts
{
    /// <summary>
    /// Runs <paramref name="head"/> (<c>INSERT INTO t (…) VALUES</c>) with one <paramref name="row"/> per item — its values
    /// named <c>{0}</c>, <c>{1}</c>, … and given by <paramref name="bind"/> in that order — and <paramref name="tail"/>
    /// (e.g. an ON CONFLICT clause).
    /// </summary>
    public static async Task RunAsync<T>(DbConnection conn, DbTransaction tx, string head, string row, string tail, IReadOnlyList<T> items,
        Action<RowStatement, T> bind, CancellationToken ct)
    {
        var perStatement = conn is Microsoft.Data.Sqlite.SqliteConnection ? 1 : 100;
        var width = RowStatement.Width(row);
        RowStatement? statement = null;
        var rows = 0;
        try
        {
            for (var first = 0; first < items.Count; first += perStatement)
            {
                var count = Math.Min(perStatement, items.Count - first);
                if (statement is null || rows != count)
                {
                    if (statement is not null)
                    {
                        await statement.DisposeAsync().ConfigureAwait(false);
                    }
                    var sql = new StringBuilder(head).Append(' ');
                    for (var j = 0; j < count; j++)
                    {
                        var offset = j * width;
                        sql.Append(j == 0 ? "" : ", ").Append(RowStatement.Rename(row, k => "{" + (offset + k).ToString(CultureInfo.InvariantCulture) + "}"));
                    }
                    statement = RowStatement.Prepare(conn, tx, sql.Append(' ').Append(tail).ToString());
                    rows = count;
                }
                for (var j = 0; j < count; j++)
                {
                    bind(statement, items[first + j]);
                }
                await statement.ExecuteAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            if (statement is not null)
            {
                await statement.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
