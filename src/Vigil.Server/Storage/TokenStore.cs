using System.Data.Common;

namespace Vigil.Server.Storage;

/// <summary>
/// API tokens (<c>api_tokens</c>): a name, the SHA-256 hex of the token, its scopes (stored as a
/// comma list), when it was created, last used and revoked.
/// </summary>
public sealed class TokenStore(Database db, TimeProvider clock)
{
    private const string Columns = "id, name, scopes, created_at, last_used_at, revoked_at";

    /// <summary>Stores a new token and returns it. <paramref name="tokenHash"/> must be unique.</summary>
    public Task<ApiToken> CreateAsync(string name, IReadOnlyCollection<string> scopes, string tokenHash,
        CancellationToken cancellationToken = default)
    {
        if (scopes.Any(s => s.Contains(',', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A scope may not contain a comma.", nameof(scopes));
        }
        var createdAt = UnixMs.ToInstant(UnixMs.From(clock.GetUtcNow()));
        return db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx,
                "INSERT INTO api_tokens (name, token_hash, scopes, created_at) VALUES (@name, @hash, @scopes, @created) RETURNING id");
            cmd.AddParameter("@name", name);
            cmd.AddParameter("@hash", tokenHash);
            cmd.AddParameter("@scopes", string.Join(',', scopes));
            cmd.AddParameter("@created", UnixMs.From(createdAt));
            var id = (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return new ApiToken(id, name, [.. scopes], createdAt);
        }, cancellationToken);
    }

    /// <summary>The token with this hash, or null when there is none or it was revoked.</summary>
    public async Task<ApiToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM api_tokens WHERE token_hash = @hash AND revoked_at IS NULL");
        cmd.AddParameter("@hash", tokenHash);
        var tokens = await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
        return tokens.Count == 0 ? null : tokens[0];
    }

    /// <summary>True when at least one token that is not revoked exists.</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT 1 FROM api_tokens WHERE revoked_at IS NULL LIMIT 1");
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Every token, revoked ones included, oldest first.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM api_tokens ORDER BY id");
        return await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes a token; false when there is no such token or it was already revoked.</summary>
    public Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL");
            cmd.AddParameter("@id", id);
            cmd.AddParameter("@now", UnixMs.From(clock.GetUtcNow()));
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <summary>Notes that a token was used now (call it at most every minute or so per token; it is a write).</summary>
    public Task MarkUsedAsync(long id, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "UPDATE api_tokens SET last_used_at = @now WHERE id = @id");
            cmd.AddParameter("@id", id);
            cmd.AddParameter("@now", UnixMs.From(clock.GetUtcNow()));
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task<List<ApiToken>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var tokens = new List<ApiToken>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var scopes = r.GetString(2);
            tokens.Add(new ApiToken(r.GetInt64(0), r.GetString(1),
                scopes.Length == 0 ? [] : scopes.Split(','),
                UnixMs.ToInstant(r.GetInt64(3)),
                r.GetNullableInt64(4) is { } used ? UnixMs.ToInstant(used) : null,
                r.GetNullableInt64(5) is { } revoked ? UnixMs.ToInstant(revoked) : null));
        }
        return tokens;
    }
}
