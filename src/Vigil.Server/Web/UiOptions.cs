namespace Vigil.Server.Web;

/// <summary>The <c>ui:</c> section. Not an Alertmanager key.</summary>
public sealed record UiOptions
{
    /// <summary><c>ui.trusted_proxy</c>: sign-in by an authenticating reverse proxy's user header. Default: off (null).</summary>
    public TrustedProxyOptions? TrustedProxy { get; init; }
}
