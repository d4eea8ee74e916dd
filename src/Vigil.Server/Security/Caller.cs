namespace Vigil.Server.Security;

/// <summary>Who made a request: the token's name and scope (or "anonymous-loopback" for the opt-in
/// unauthenticated ingest), and the client address. Kept in HttpContext.Items for audit.</summary>
public sealed record Caller(string Identity, Scope Scope, string ClientAddress)
{
    private const string ItemKey = "vigil.caller";

    public static Caller? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var c) ? c as Caller : null;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
