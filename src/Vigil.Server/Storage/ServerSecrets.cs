using System.Data.Common;
using System.Security.Cryptography;

namespace Vigil.Server.Storage;

/// <summary>
/// Named random keys kept in the database (table <c>server_secrets</c>): created once by whichever node or
/// start gets there first, then the same for every node and every restart (link signing, feed URLs), until
/// rotated.
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
                insert.AddParameter("@value", NewValue());
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return (await ReadAsync(conn, tx, name, ct).ConfigureAwait(false))!;
        }, ct);

    /// <summary>The current key called <paramref name="name"/> (a read, no write lock), created on first use.
    /// For paths that check a secret on every request, so a rotation on any node counts at once.</summary>
    public async Task<byte[]> CurrentAsync(string name, CancellationToken ct)
    {
        await using (var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false))
        {
            if (await ReadAsync(conn, null, name, ct).ConfigureAwait(false) is { } key)
            {
                return key;
            }
        }
        return await GetOrCreateAsync(name, ct).ConfigureAwait(false);
    }

    /// <summary>The key called <paramref name="name"/> as <paramref name="conn"/> sees it, or null when it was never created.</summary>
    public static async Task<byte[]?> ReadAsync(DbConnection conn, DbTransaction? tx, string name, CancellationToken ct)
    {
        await using var select = conn.Command(tx, "SELECT value FROM server_secrets WHERE name = @name");
        select.AddParameter("@name", name);
        return await select.ExecuteScalarAsync(ct).ConfigureAwait(false) is string value ? Convert.FromBase64String(value) : null;
    }

    /// <summary>Replaces the key called <paramref name="name"/> with a fresh random one, inside the caller's transaction.</summary>
    public static async Task RotateAsync(DbConnection conn, DbTransaction tx, string name, CancellationToken ct)
    {
        await using var upsert = conn.Command(tx,
            "INSERT INTO server_secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
        upsert.AddParameter("@name", name);
        upsert.AddParameter("@value", NewValue());
        await upsert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static string NewValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
