using System.Security.Cryptography;

namespace Vigil.Server.Storage;

/// <summary>
/// Named random keys kept in the database (table <c>server_secrets</c>): created once by whichever node or
/// start gets there first, then the same for every node and every restart (link signing, feed URLs).
/// </summary>
public sealed class ServerSecrets(Database db)
{
    /// <summary>The 32-byte key called <paramref name="name"/>, created on first use.</summary>
    public Task<byte[]> GetOrCreateAsync(string name, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using (var insert = conn.Command(tx, "INSERT INTO server_secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING"))
            {
                insert.AddParameter("@name", name);
                insert.AddParameter("@value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await using var select = conn.Command(tx, "SELECT value FROM server_secrets WHERE name = @name");
            select.AddParameter("@name", name);
            return Convert.FromBase64String((string)(await select.ExecuteScalarAsync(ct).ConfigureAwait(false))!);
        }, ct);
}
