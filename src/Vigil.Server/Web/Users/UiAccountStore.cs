using System.Data.Common;
using Vigil.Server.Storage;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web.Users;

/// <summary>The <c>ui_users</c> table. Writes take the caller's transaction so the audit record lands with the change.</summary>
public sealed class UiAccountStore(Database db)
{
    private const string Columns = "name, password_hash, role, person, disabled, created_at, updated_at";

    public async Task<UiAccount?> FindAsync(string name, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await FindAsync(conn, null, name, ct).ConfigureAwait(false);
    }

    public static async Task<UiAccount?> FindAsync(DbConnection conn, DbTransaction? tx, string name, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"SELECT {Columns} FROM ui_users WHERE name = @name");
        cmd.AddParameter("@name", name);
        var found = await ReadAsync(cmd, ct).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Every user, by name.</summary>
    public async Task<IReadOnlyList<UiAccount>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM ui_users ORDER BY name");
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }

    /// <summary>Adds a user; false when the name is taken (the insert is skipped, nothing else changes).</summary>
    public static async Task<bool> TryInsertAsync(DbConnection conn, DbTransaction tx, UiAccount a, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx,
            $"INSERT INTO ui_users ({Columns}) VALUES (@name, @hash, @role, @person, @disabled, @created, @updated) ON CONFLICT (name) DO NOTHING");
        Bind(cmd, a);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    public static async Task UpdateAsync(DbConnection conn, DbTransaction tx, UiAccount a, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx,
            "UPDATE ui_users SET password_hash = @hash, role = @role, person = @person, disabled = @disabled, updated_at = @updated WHERE name = @name");
        Bind(cmd, a);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task<bool> DeleteAsync(DbConnection conn, DbTransaction tx, string name, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "DELETE FROM ui_users WHERE name = @name");
        cmd.AddParameter("@name", name);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    private static void Bind(DbCommand cmd, UiAccount a)
    {
        cmd.AddParameter("@name", a.Name);
        cmd.AddParameter("@hash", a.PasswordHash);
        cmd.AddParameter("@role", UiRoles.Name(a.Role));
        cmd.AddParameter("@person", a.Person);
        cmd.AddParameter("@disabled", a.Disabled ? 1L : 0L);
        cmd.AddParameter("@created", UnixMs.From(a.CreatedAt));
        cmd.AddParameter("@updated", UnixMs.From(a.UpdatedAt));
    }

    private static async Task<List<UiAccount>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var list = new List<UiAccount>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            // A role this version does not know (written by a newer one) reads as the least privilege.
            var role = UiRoles.TryParse(r.GetString(2), out var parsed) ? parsed : UiRole.Viewer;
            list.Add(new UiAccount(r.GetString(0), r.GetString(1), role, r.GetNullableString(3), r.GetInt64(4) != 0,
                UnixMs.ToInstant(r.GetInt64(5)), UnixMs.ToInstant(r.GetInt64(6))));
        }
        return list;
    }
}
