using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Vigil.Server.Storage;

/// <summary>
/// Inserts many rows in the caller's transaction. On PostgreSQL a statement carries up to a hundred rows (one round trip
/// each); on SQLite, which has no round trips, one row per statement through one prepared statement rebound per row: a
/// statement of many rows is parsed anew and SQLite looks each named parameter up by a scan of all of them, which costs
/// more than it saves.
/// </summary>
internal static class RowInserts
{
    /// <summary>
    /// Runs <paramref name="head"/> (<c>INSERT INTO t (…) VALUES</c>) with one <paramref name="row"/> per item — its
    /// parameters spelled <c>@name{0}</c>, numbered per statement — and <paramref name="tail"/> (e.g. an ON CONFLICT clause).
    /// </summary>
    public static async Task RunAsync<T>(DbConnection conn, DbTransaction tx, string head, string row, string tail, IReadOnlyList<T> items,
        Action<DbCommand, T, int> bind, CancellationToken ct)
    {
        var perStatement = conn is Microsoft.Data.Sqlite.SqliteConnection ? 1 : 100;
        DbCommand? cmd = null;
        var rows = 0;
        try
        {
            for (var first = 0; first < items.Count; first += perStatement)
            {
                var count = Math.Min(perStatement, items.Count - first);
                if (cmd is null || rows != count)
                {
                    if (cmd is not null)
                    {
                        await cmd.DisposeAsync().ConfigureAwait(false);
                    }
                    var sql = new StringBuilder(head).Append(' ');
                    for (var j = 0; j < count; j++)
                    {
                        sql.Append(j == 0 ? "" : ", ").Append(string.Format(CultureInfo.InvariantCulture, row, j));
                    }
                    cmd = conn.Command(tx, sql.Append(' ').Append(tail).ToString());
                    rows = count;
                }
                cmd.Parameters.Clear();
                for (var j = 0; j < count; j++)
                {
                    bind(cmd, items[first + j], j);
                }
                await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            if (cmd is not null)
            {
                await cmd.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
