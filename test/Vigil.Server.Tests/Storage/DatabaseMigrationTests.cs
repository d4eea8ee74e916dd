using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

public sealed class DatabaseMigrationTests : IAsyncDisposable
{
    private readonly TestDatabases _dbs = new();

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Migrate_RunTwice_AppliesEveryVersionOnce(string engine)
    {
        var db = await _dbs.CreateAsync(engine, migrate: false);
        Assert.Equal(0, await db.SchemaVersionAsync(TestContext.Current.CancellationToken));

        await db.MigrateAsync(TestContext.Current.CancellationToken);
        await db.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Migrations.All.Max(m => m.Version), await db.SchemaVersionAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Migrations.All.Count, await CountMigrationRowsAsync(db));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Migrate_FromSeveralProcessesAtOnce_AppliesEveryVersionOnce(string engine)
    {
        var nodes = await _dbs.CreateManyAsync(engine, 3, migrate: false);

        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.MigrateAsync(TestContext.Current.CancellationToken))));

        Assert.Equal(Migrations.All.Count, await CountMigrationRowsAsync(nodes[0]));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Database_ReportsItsEngine(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        Assert.Equal(engine == "sqlite" ? DatabaseEngine.Sqlite : DatabaseEngine.Postgres, db.Engine);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task WriteAsync_WhenWorkThrows_RollsBack(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var tokens = new TokenStore(db, TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO api_tokens (name, token_hash, scopes, created_at) VALUES ('x', 'h', '', 0)";
            await cmd.ExecuteNonQueryAsync();
            throw new InvalidOperationException("boom");
        }, TestContext.Current.CancellationToken));

        Assert.False(await tokens.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SqliteConnections_KeepTheirSettings_WhenReusedFromThePoolOrOpenedAlongside()
    {
        var db = await _dbs.CreateAsync("sqlite");
        var ct = TestContext.Current.CancellationToken;

        // One connection at a time (the pool hands the same one back), then several open together (new ones).
        for (var i = 0; i < 3; i++)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await AssertSettingsAsync(conn);
        }
        var open = new List<System.Data.Common.DbConnection>();
        for (var i = 0; i < 4; i++)
        {
            open.Add(await db.OpenConnectionAsync(ct));
        }
        foreach (var conn in open)
        {
            await AssertSettingsAsync(conn);
            await conn.DisposeAsync();
        }

        static async Task AssertSettingsAsync(System.Data.Common.DbConnection conn)
        {
            Assert.Equal("1", await PragmaAsync(conn, "foreign_keys"));
            Assert.Equal("wal", await PragmaAsync(conn, "journal_mode"));
            Assert.Equal("10000", await PragmaAsync(conn, "busy_timeout"));
            Assert.Equal("1", await PragmaAsync(conn, "synchronous")); // NORMAL, for Durability.ProcessCrash
        }
    }

    [Fact]
    public async Task SqliteWrites_RunWithALargePageCache_WhileReadersKeepTheDefault()
    {
        var db = await _dbs.CreateAsync("sqlite");
        var ct = TestContext.Current.CancellationToken;

        // Twice: the writer keeps its cache across transactions, it is not set for one write only.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal($"-{Database.WriterCacheKiB}", await db.WriteAsync((conn, _) => PragmaAsync(conn, "cache_size"), ct));
        }
        await using var reader = await db.OpenConnectionAsync(ct);
        Assert.Equal("-2000", await PragmaAsync(reader, "cache_size"));
    }

    private static async Task<string> PragmaAsync(System.Data.Common.DbConnection conn, string name)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA " + name;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task<long> CountMigrationRowsAsync(Database db)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
