using Npgsql;

namespace Vigil.Server.Tests.Support;

/// <summary>A fresh, empty database on the throwaway PostgreSQL that ./test.sh starts (VIGIL_TEST_POSTGRES).</summary>
public static class PostgresTestDatabase
{
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
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }
}
