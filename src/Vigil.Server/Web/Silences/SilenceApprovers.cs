using Vigil.Server.Security;
using Vigil.Server.Silences;
using Vigil.Server.Storage;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web.Silences;

/// <summary>
/// Who can approve a silence: every identity with the responder role or above (write scope) other than its creator
/// (<see cref="SilenceRules.CheckApproval"/> refuses the creator). Read from the API tokens, as sign-in is by token.
/// </summary>
public static class SilenceApprovers
{
    public static async Task<IReadOnlyList<string>> ForAsync(TokenStore tokens, Silence silence, CancellationToken ct)
    {
        var all = await tokens.ListAsync(ct);
        return [.. all.Where(t => t.RevokedAt is null && UiSessionValidator.HighestScope(t.Scopes) >= Scope.Write)
            .Select(t => t.Name)
            .Where(n => n != silence.CreatorIdentity && "user:" + n != silence.CreatorIdentity)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }
}
