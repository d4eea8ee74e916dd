namespace Vigil.Server.Silences;

/// <summary>Why a change to a silence was refused; <see cref="StatusCode"/> is the HTTP status it maps to.</summary>
public sealed record SilenceError(int StatusCode, string Message)
{
    public static SilenceError Invalid(string message) => new(400, message);

    /// <summary>Alertmanager's text for an unknown id.</summary>
    public static readonly SilenceError NotFound = new(404, "silence not found");

    public static SilenceError Forbidden(string message) => new(403, message);

    public static SilenceError Conflict(string message) => new(409, message);

    /// <summary>A count limit of <c>server.limits</c> is reached: 429, the request itself was fine.</summary>
    public static SilenceError LimitReached(string message) => new(429, message);
}
