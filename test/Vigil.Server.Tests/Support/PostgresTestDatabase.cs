using System.Collections.Concurrent;
using Npgsql;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// A fresh, empty database on the PostgreSQL named by <c>VIGIL_TEST_POSTGRES</c> (./test.sh starts a throwaway one), for a
/// server under test; dropped when the run ends (<see cref="TestRun"/>).
/// </summary>
public static class PostgresTestDatabase
{
    private static readonly ConcurrentQueue<string> Made = new();

    public static async Task<string> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Skip("VIGIL_TEST_POSTGRES not set (./test.sh sets it)");
        }
        var name = "vigil_e2e_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        Made.Enqueue(name);
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    /// <summary>
    /// Drops every database <see cref="CreateAsync"/> made in this run, cutting any connection still on one (a server a
    /// test left running). Once the run is over: servers share these databases across a test's nodes and restarts.
    /// </summary>
    public static async Task DropAllAsync()
    {
        var server = Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server) || Made.IsEmpty)
        {
            return;
        }
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        while (Made.TryDequeue(out var name))
        {
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
