namespace Vigil.Server.Storage;

/// <summary>An API bearer token as stored (never the token itself, only its SHA-256 hash).</summary>
public sealed record ApiToken(
    long Id,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt = null,
    DateTimeOffset? RevokedAt = null);
