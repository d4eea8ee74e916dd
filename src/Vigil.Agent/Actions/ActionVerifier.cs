using System.Globalization;
using System.Security.Cryptography;
using Vigil.Contracts.Agents;

namespace Vigil.Agent.Actions;

/// <summary>
/// The agent's rules for a request, pure: the signature first (nothing in an unsigned payload is trusted), then the
/// host, the expiry (by the agent's clock), and the allow-list. The nonce is checked after, by <see cref="NonceStore"/>.
/// </summary>
internal static class ActionVerifier
{
    public static ActionCheck Check(SignedActionRequest? signed, IReadOnlyList<ECDsa> keys, string host, IReadOnlyList<ActionSpec> allowed, DateTimeOffset now)
    {
        if (signed is null)
        {
            return ActionCheck.Refuse(null, ActionRefusals.Malformed, "not a signed request");
        }
        var claimed = ActionSigning.ReadUnverified(signed);
        if (keys.Count == 0)
        {
            return ActionCheck.Refuse(claimed?.Id, ActionRefusals.NotAllowed, "this agent allows no actions (its agent.yaml has no actions: and no server_key:)");
        }
        if (ActionSigning.Verify(signed, keys) is not { } request)
        {
            return ActionCheck.Refuse(claimed?.Id, ActionRefusals.BadSignature,
                $"the signature does not match any configured server_key (signed by key {Printable(signed.KeyId)})");
        }
        if (request.Id is null || request.Host is null || request.Action is null || request.Nonce is null || request.Reason is null)
        {
            return ActionCheck.Refuse(request.Id, ActionRefusals.Malformed, "the request lacks an id, host, action, reason or nonce");
        }
        if (!string.Equals(request.Host, host, StringComparison.Ordinal))
        {
            return ActionCheck.Refuse(request.Id, ActionRefusals.WrongHost, $"the request is for host '{request.Host}'; this agent is '{host}'");
        }
        if (now > request.ExpiresAt)
        {
            return ActionCheck.Refuse(request.Id, ActionRefusals.Expired,
                $"the request expired at {Stamp(request.ExpiresAt)}; the agent's clock says {Stamp(now)}");
        }
        if (allowed.FirstOrDefault(a => string.Equals(a.Name, request.Action, StringComparison.Ordinal)) is not { } spec)
        {
            var names = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(a => a.Name));
            return ActionCheck.Refuse(request.Id, ActionRefusals.NotAllowed, $"'{request.Action}' is not in this agent's actions (allowed: {names})");
        }
        if (request.Nonce.Length is < 16 or > 128 || request.Nonce.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')))
        {
            return ActionCheck.Refuse(request.Id, ActionRefusals.Malformed, "the nonce is not 16 to 128 letters, digits, '-' or '_'");
        }
        return ActionCheck.Accept(request, spec);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Printable(string? text) => text is null ? "?" : new string([.. text.Take(32).Where(char.IsAsciiLetterOrDigit)]);
}
