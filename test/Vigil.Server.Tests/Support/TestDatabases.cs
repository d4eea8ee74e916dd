using Npgsql;
using Vigil.Server.Config;
using Vigil.Server.Storage;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// Fresh databases for store tests, on either engine: "sqlite" is a new temporary data folder,
/// "postgres" a new database on the server named by <c>VIGIL_TEST_POSTGRES</c> (the test is skipped
/// when it is not set). Everything made is removed on dispose.
/// </summary>
public sealed class TestDatabases : IAsyncDisposable
{
    public const string PostgresVariable = "VIGIL_TEST_POSTGRES";

    private readonly List<Database> _databases = [];
    private readonly List<string> _directories = [];
    private readonly List<string> _postgresNames = [];
    private readonly List<SnapshotDatabase> _snapshotFiles = [];

    /// <summary>A fresh, migrated database.</summary>
    public async Task<Database> CreateAsync(string engine) => (await CreateManyAsync(engine, 1, migrate: true))[0];

    /// <summary>A fresh database; <paramref name="migrate"/> false leaves it empty.</summary>
    public async Task<Database> CreateAsync(string engine, bool migrate) => (await CreateManyAsync(engine, 1, migrate))[0];

    /// <summary>
    /// <paramref name="count"/> independent <see cref="Database"/> objects (own pools, own write gates)
    /// on the same fresh storage, as several processes or server nodes would see it.
    /// </summary>
    public async Task<IReadOnlyList<Database>> CreateManyAsync(string engine, int count, bool migrate = true)
    {
        Func<Database> open;
        switch (engine)
        {
            case "sqlite":
                var dir = Path.Combine(Path.GetTempPath(), "vigil-test-" + Guid.NewGuid().ToString("N"));
                _directories.Add(dir);
                open = () => Database.Sqlite(dir, Durability.ProcessCrash);
                break;
            case "postgres":
                var server = Environment.GetEnvironmentVariable(PostgresVariable);
                if (string.IsNullOrWhiteSpace(server))
                {
                    Assert.Skip($"{PostgresVariable} not set");
                }
                var name = "vigil_test_" + Guid.NewGuid().ToString("N")[..16];
                await using (var admin = new NpgsqlConnection(server))
                {
                    await admin.OpenAsync();
                    await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                    await cmd.ExecuteNonQueryAsync();
                }
                _postgresNames.Add(name);
                var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
                open = () => Database.Postgres(cs);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(engine), engine, "sqlite or postgres");
        }
        var made = new List<Database>();
        for (var i = 0; i < count; i++)
        {
            var db = open();
            _databases.Add(db);
            made.Add(db);
        }
        if (migrate)
        {
            await made[0].MigrateAsync();
        }
        return made;
    }

    /// <summary>
    /// A fresh, migrated SQLite database and the alert snapshot's own file beside it in the same data folder, as
    /// <c>vigil server</c> opens them.
    /// </summary>
    public async Task<(Database Database, SnapshotDatabase SnapshotFile, string DataDir)> CreateSqliteWithSnapshotFileAsync()
    {
        var db = await CreateAsync("sqlite");
        var dir = _directories[^1];
        var file = await SnapshotDatabase.OpenAsync(dir, Durability.ProcessCrash);
        _snapshotFiles.Add(file);
        return (db, file, dir);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _snapshotFiles)
        {
            await file.DisposeAsync();
        }
        foreach (var db in _databases)
        {
            await db.DisposeAsync();
        }
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (_postgresNames.Count > 0 && !string.IsNullOrWhiteSpace(server))
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            foreach (var name in _postgresNames)
            {
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await cmd.ExecuteNonQueryAsync();
            }
        }
        foreach (var dir in _directories)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A pooled connection may still hold the file; the temp folder is cleaned eventually.
            }
        }
    }
}
