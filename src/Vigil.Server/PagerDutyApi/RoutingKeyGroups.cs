using System.Security.Cryptography;
using System.Text;
using Vigil.Server.Storage;

namespace Vigil.Server.PagerDutyApi;

/// <summary>
/// Which key group an event belongs to, so an acknowledge or resolve acts only on alerts and pages that came in
/// through the same key (or a key of the same <c>key_group</c>), as PagerDuty scopes a dedup key to its service.
/// Alerts carry it as the label <see cref="Label"/>: the <c>key_group</c> name, or for a key without one
/// <c>key-</c> and 16 hex digits of an HMAC of the key under a server secret (table <c>server_secrets</c>), so the
/// label (shown to read tokens, sent to receivers) never reveals a routing key, yet every node and restart agree.
/// </summary>
public sealed class RoutingKeyGroups(ServerSecrets secrets)
{
    /// <summary>The label naming the key group on alerts raised through <c>/v2/enqueue</c>.</summary>
    public const string Label = "vigil_pagerduty_key_group";

    /// <summary>Not rotated by <c>vigil secrets rotate</c>: a new key would split open alerts from their resolves.</summary>
    private const string SecretName = "pagerduty-key-group";

    private byte[]? _key;

    public async Task<string> GroupOfAsync(string routingKey, RoutingKeyTarget target, CancellationToken ct)
    {
        if (target.KeyGroup is { } named)
        {
            return named;
        }
        var key = _key ??= await secrets.GetOrCreateAsync(SecretName, ct).ConfigureAwait(false);
        return RoutingKeyTarget.OwnGroupPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(routingKey)))[..16];
    }
}
