namespace Vigil.Contracts.Agents;

/// <summary>Why an agent refuses a request: the <see cref="ActionReport.Reason"/> codes.</summary>
public static class ActionRefusals
{
    /// <summary>The action is not in the agent's <c>actions:</c>.</summary>
    public const string NotAllowed = "not_allowed";

    /// <summary>The request names another host.</summary>
    public const string WrongHost = "wrong_host";

    /// <summary>The request's expiry has passed (by the agent's clock).</summary>
    public const string Expired = "expired";

    /// <summary>No configured server key signed exactly this payload.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>The nonce was accepted before: a request runs at most once.</summary>
    public const string Replayed = "replayed";

    /// <summary>The payload is not a request the agent can read.</summary>
    public const string Malformed = "malformed";

    /// <summary>The agent could not record the nonce durably, so it will not run the request.</summary>
    public const string NonceStore = "nonce_store";
}
