using System.Security.Claims;
using Vigil.Server.Security;
using Vigil.Server.Storage;
using Vigil.Server.Web.Users;

namespace Vigil.Server.Web.Sessions;

/// <summary>Turns a session cookie's claims back into a <see cref="UiUser"/> only while what it was issued for
/// still holds: the API token it signed in with is not revoked (its scope read afresh), or the local user still
/// exists, is not disabled and has the same password (the role read afresh, so a change applies at once).</summary>
internal sealed class UiSessionValidator(TokenStore tokens, UiAccountStore accounts)
{
    public async Task<UiUser?> ValidateAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var via = principal.FindFirstValue(UiSessions.ViaClaim);
        if (string.IsNullOrEmpty(name) || via is null)
        {
            return null;
        }
        if (via == "token" && principal.FindFirstValue(UiSessions.TokenHashClaim) is { } hash)
        {
            var token = await tokens.FindByHashAsync(hash, ct);
            return token is null ? null : new UiUser(name, UiRoles.FromScope(HighestScope(token.Scopes)), via);
        }
        if (via == UiAccounts.Via && principal.FindFirstValue(UiSessions.StampClaim) is { } stamp)
        {
            var account = await accounts.FindAsync(name, ct);
            return account is { Disabled: false } && UiAccounts.Stamp(account) == stamp ? UiAccounts.User(account, via) : null;
        }
        return null;
    }

    internal static Scope HighestScope(IEnumerable<string> scopes)
    {
        var best = (Scope)0;
        foreach (var s in scopes)
        {
            if (Scopes.TryParse(s, out var parsed) && parsed > best)
            {
                best = parsed;
            }
        }
        return best;
    }
}
