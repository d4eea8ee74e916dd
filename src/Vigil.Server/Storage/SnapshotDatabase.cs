using Vigil.Server.Config;

namespace Vigil.Server.Storage;

/// <summary>
/// On SQLite, the alert snapshot's own file, <c>snapshot.db</c>, beside <c>vigil.db</c> in the data folder. SQLite lets one
/// transaction write a file at a time, and a checkpoint writes megabytes: in the same file as the ingest log, a whole
/// snapshot of 100,000 alerts held the writer 50–230 ms, and every alert POST and every notification waited behind it.
/// In its own file it waits only for itself. The snapshot records which ingest log record it includes, and the log is
/// truncated only once the snapshot committed, so the two files together always hold every acknowledged alert.
/// PostgreSQL has no such lock: there the snapshot stays in the one database.
/// </summary>
public sealed class SnapshotDatabase : IAsyncDisposable
{
    public const string FileName = "snapshot.db";

    /// <summary>Its writer appends parts that are not read again while the server runs, so a small page cache (KiB).</summary>
    private const int WriterCacheKiB = 2 * 1024;

    private SnapshotDatabase(Database database) => Database = database;

    public Database Database { get; }

    /// <summary>
    /// Opens (or creates, owner-only) the file in <paramref name="dataDir"/> with <see cref="AlertSnapshotStore"/>'s two tables.
    /// A new file has no <c>checkpoint</c> row: the first start reads the snapshot in <c>vigil.db</c> (empty, or one from a
    /// version that kept it there) and <see cref="AlertSnapshotStore"/> writes the row then, or with the next whole snapshot.
    /// </summary>
    public static async Task<SnapshotDatabase> OpenAsync(string dataDir, Durability durability, TimeProvider? clock = null,
        CancellationToken cancellationToken = default)
    {
        var db = Database.SqliteFile(dataDir, FileName, durability, clock, WriterCacheKiB);
        try
        {
            await db.WriteAsync(async (conn, tx) =>
            {
                await using var create = conn.Command(tx, """
                    CREATE TABLE IF NOT EXISTS alert_snapshot (part BIGINT NOT NULL PRIMARY KEY, payload BLOB NOT NULL);
                    CREATE TABLE IF NOT EXISTS checkpoint (id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1), applied_seq BIGINT NOT NULL);
                    """);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return new SnapshotDatabase(db);
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
