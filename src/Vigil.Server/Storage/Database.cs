using System.Runtime.CompilerServices;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigil.Server.Config;

namespace Vigil.Server.Storage;

/// <summary>
/// The one database Vigil keeps: embedded SQLite in the data folder, or PostgreSQL. Both run the
/// same schema (<see cref="MigrateAsync"/>). SQLite has a single writer, so every write from this
/// process goes through <see cref="WriteAsync{T}"/>, which serializes them and begins with
/// <c>BEGIN IMMEDIATE</c>; PostgreSQL writes run concurrently.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    // Any constant works; it only has to be the same in every process sharing the database.
    private const long MigrationLockKey = 0x5649_4749_4c5f_4d31;

    private readonly string? _sqliteConnectionString;
    private readonly string? _sqlitePragmas;
    private static readonly object Configured = new();
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _sqliteConfigured = new();
    private readonly NpgsqlDataSource? _postgres;
    private readonly SemaphoreSlim? _writeGate;
    private readonly TimeProvider _clock;
    private readonly SqliteCheckpointer? _checkpointer;
    private readonly GroupCommit? _group;
    private readonly int _writerCacheKiB;

    /// <summary>SQLite: the one connection writes use (they are serialized anyway), opened once with its
    /// pragmas instead of per transaction. Replaced when a write fails in a way that may have broken it.</summary>
    private SqliteConnection? _sqliteWriter;

    /// <summary>Set under the write gate by <see cref="DisposeAsync"/>; a write after it throws instead of reopening the writer.</summary>
    private bool _disposed;

    /// <summary>1 once <see cref="DisposeAsync"/> began: it runs once however often it is called.</summary>
    private int _disposing;

    private Database(DatabaseEngine engine, string? sqliteConnectionString, string? sqlitePragmas,
        NpgsqlDataSource? postgres, TimeProvider clock, int writerCacheKiB = WriterCacheKiB)
    {
        _writerCacheKiB = writerCacheKiB;
        Engine = engine;
        _sqliteConnectionString = sqliteConnectionString;
        _sqlitePragmas = sqlitePragmas;
        _postgres = postgres;
        _writeGate = engine == DatabaseEngine.Sqlite ? new SemaphoreSlim(1, 1) : null;
        _clock = clock;
        _checkpointer = engine == DatabaseEngine.Sqlite ? new SqliteCheckpointer(OpenConnectionAsync) : null;
        _group = engine == DatabaseEngine.Sqlite ? new GroupCommit(all => WriteAsync(all, CancellationToken.None)) : null;
    }

    /// <summary>Which engine this database runs on.</summary>
    public DatabaseEngine Engine { get; }

    /// <summary>
    /// SQLite in <c>dataDir/vigil.db</c> (folder and file created owner-only, see <see cref="DataFolder"/>), in WAL mode, with
    /// <c>synchronous=NORMAL</c> for <see cref="Durability.ProcessCrash"/> (a commit survives the
    /// process dying) or <c>FULL</c> for <see cref="Durability.PowerLoss"/> (it survives the machine
    /// losing power), a 10 s busy timeout and foreign keys on.
    /// </summary>
    public static Database Sqlite(string dataDir, Durability durability, TimeProvider? clock = null) =>
        SqliteFile(dataDir, FileName, durability, clock, WriterCacheKiB);

    /// <summary>The database file in the data folder.</summary>
    private const string FileName = "vigil.db";

    /// <summary>
    /// A SQLite file <paramref name="file"/> in <paramref name="dataDir"/>, set up as <see cref="Sqlite"/> is, with its own
    /// writer (and so its own write lock) whose page cache holds at most <paramref name="writerCacheKiB"/>.
    /// </summary>
    internal static Database SqliteFile(string dataDir, string file, Durability durability, TimeProvider? clock, int writerCacheKiB)
    {
        if (!Directory.Exists(dataDir))
        {
            DataFolder.Secure(dataDir);
        }
        // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
        var path = Path.Combine(dataDir, file);
        DataFolder.CreateOwnerOnlyFile(path);
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var synchronous = durability == Durability.PowerLoss ? "FULL" : "NORMAL";
        // Set once per underlying connection (OpenConnectionAsync): pooled ones keep them. page_size only takes
        // effect in a new file (16 KB pages keep ingest records of tens of KB in short overflow chains);
        // journal_mode is persistent and a no-op once WAL. Checkpoints run in the background
        // (SqliteCheckpointer); the automatic one is a backstop at 8192 pages (128 MB).
        var pragmas = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=8192; " +
            $"PRAGMA journal_size_limit=67108864; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
        return new Database(DatabaseEngine.Sqlite, cs, pragmas, null, clock ?? TimeProvider.System, writerCacheKiB);
    }

    /// <summary>PostgreSQL at <paramref name="connectionString"/> (Npgsql syntax), with its own connection pool.</summary>
    public static Database Postgres(string connectionString, TimeProvider? clock = null)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return new Database(DatabaseEngine.Postgres, null, null, dataSource, clock ?? TimeProvider.System);
    }

    /// <summary>An open connection (from the pool); the caller disposes it. Use it for reads; write through <see cref="WriteAsync{T}"/>.</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        var conn = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Pooled connections keep their settings: the pragmas run once per underlying SQLite connection, not at
            // every open (seven statements parsed and run per read and per write).
            if (!_sqliteConfigured.TryGetValue(conn.Handle!, out _))
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = _sqlitePragmas;
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _sqliteConfigured.AddOrUpdate(conn.Handle!, Configured);
            }
            return conn;
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits it. On SQLite writes from this
    /// process run one at a time and the transaction takes the write lock at once (BEGIN IMMEDIATE),
    /// so it never fails half-way with SQLITE_BUSY. An exception rolls the transaction back.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (_writeGate is null)
        {
            await using var conn = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(conn, tx).ConfigureAwait(false);
            await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _sqliteWriter ??= await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using var tx = _sqliteWriter.BeginTransaction(deferred: false);
                var result = await work(_sqliteWriter, tx).ConfigureAwait(false);
                await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
            catch (SqliteException)
            {
                // The transaction was rolled back; open a fresh connection next time in case this one is unusable.
                await _sqliteWriter.DisposeAsync().ConfigureAwait(false);
                _sqliteWriter = null;
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// The SQLite connection every write of this process goes through, with a page cache of
    /// <see cref="WriterCacheKiB"/> (unless made with another by <see cref="SqliteFile"/>). SQLite's default (2 MB, 125 of
    /// our 16 KB pages) is smaller than what the hot writes touch — the outbox's claims and completions, the escalation
    /// engine's steps — so each write read most of its pages again from the file (or the WAL) through <c>pread</c>. This
    /// connection's cache stays valid across its own commits; readers keep the default, so a long scan cannot grow many
    /// caches.
    /// </summary>
    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var conn = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Before anything is prepared on it: the lookaside memory the kept statements need can only be set then.
            WriterStatements.Attach(conn);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"PRAGMA cache_size=-{_writerCacheKiB}";
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Most memory the SQLite writer's page cache may take, in KiB (filled only as pages are used): 64 MiB.</summary>
    internal const int WriterCacheKiB = 64 * 1024;

    /// <summary>
    /// Like <see cref="WriteAsync{T}"/> for many small writes that arrive together: on SQLite, writes made while another
    /// is under way share one transaction (each in its own savepoint; <see cref="GroupCommit"/>), and each returns once that
    /// transaction committed. On PostgreSQL, where writes run concurrently, the same as <see cref="WriteAsync{T}"/>.
    /// </summary>
    public Task<T> WriteGroupedAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        return _group is null ? WriteAsync(work, cancellationToken) : _group.RunAsync(work, cancellationToken);
    }

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async (c, t) =>
        {
            await work(c, t).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Brings the schema up to date: applies, in one transaction, every migration not yet in
    /// <c>schema_migrations</c>. Safe at every start and from several processes at once (SQLite's
    /// write lock, or a PostgreSQL advisory lock, lets one of them do it; the others then find it done).
    /// </summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(async (conn, tx) =>
        {
            if (Engine == DatabaseEngine.Postgres)
            {
                await ExecuteAsync(conn, tx, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
            }
            await ExecuteAsync(conn, tx,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                cancellationToken).ConfigureAwait(false);
            var applied = new HashSet<long>();
            await using (var cmd = conn.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "SELECT version FROM schema_migrations";
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetInt64(0));
                }
            }
            foreach (var m in Migrations.All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
            {
                if (m.SqlFor(Engine) is { } sql && !string.IsNullOrWhiteSpace(sql))
                {
                    await ExecuteAsync(conn, tx, sql, cancellationToken).ConfigureAwait(false);
                }
                await using var record = conn.CreateCommand();
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)";
                record.AddParameter("@v", (long)m.Version);
                record.AddParameter("@n", m.Name);
                record.AddParameter("@t", UnixMs.From(_clock.GetUtcNow()));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>The highest schema version applied (0 before <see cref="MigrateAsync"/>).</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var conn = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        try
        {
            return Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        catch (DbException)
        {
            return 0;
        }
    }

    /// <summary>A read-only snapshot transaction: deferred on SQLite (no write lock), repeatable read on PostgreSQL.</summary>
    internal static async Task<DbTransaction> BeginReadAsync(DbConnection conn, CancellationToken ct) =>
        conn is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposing, 1) == 1)
        {
            return;
        }
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
        if (_writeGate is not null)
        {
            // A write can still be in flight here: a request the host stopped waiting for, or a background task that
            // outlived the stop. Closing the writer under it failed that write, whose error path then cleared the field
            // this method was about to dispose. Wait for it; writes after this point are refused. The gate itself is
            // not disposed (it holds no handle): a write still queued on it gets ObjectDisposedException from the
            // check in WriteAsync once it is let in.
            await _writeGate.WaitAsync().ConfigureAwait(false);
            try
            {
                _disposed = true;
                var writer = _sqliteWriter;
                _sqliteWriter = null;
                if (writer is not null)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                _writeGate.Release();
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection conn, DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
