using System.Collections.Concurrent;
using Vigil.Server.Storage;

namespace Vigil.Server.Hosts;

/// <summary>
/// Agent tokens (<c>agent_tokens</c>): each bound to one host, stored as its SHA-256 only. Kept apart from API
/// tokens so an agent's token can do one thing: report for its own host.
/// </summary>
public sealed class AgentTokenStore(Database db, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, string> _hostByHash = new(StringComparer.Ordinal);

    public Task<long> CreateAsync(string host, string tokenHash, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "INSERT INTO agent_tokens (host, token_hash, created_at) VALUES (@host, @hash, @at) RETURNING id");
            cmd.AddParameter("@host", host);
            cmd.AddParameter("@hash", tokenHash);
            cmd.AddParameter("@at", UnixMs.From(clock.GetUtcNow()));
            return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, ct);

    /// <summary>The host a token is bound to, or null when the token is unknown or revoked.</summary>
    public async Task<string?> HostOfAsync(string tokenHash, CancellationToken ct)
    {
        if (_hostByHash.TryGetValue(tokenHash, out var cached))
        {
            return cached;
        }
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT host FROM agent_tokens WHERE token_hash = @hash AND revoked_at IS NULL");
        cmd.AddParameter("@hash", tokenHash);
        if (await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is string host)
        {
            _hostByHash[tokenHash] = host;
            return host;
        }
        return null;
    }
}
