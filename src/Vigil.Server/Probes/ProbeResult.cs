namespace Vigil.Server.Probes;

/// <summary>The outcome of one run: whether it passed, how long it took, why it failed, and the earliest certificate expiry seen (https).</summary>
public readonly record struct ProbeResult(bool Success, TimeSpan Duration, string Reason, DateTimeOffset? CertExpiry = null)
{
    public static ProbeResult Pass(TimeSpan duration, DateTimeOffset? certExpiry = null) => new(true, duration, "", certExpiry);

    public static ProbeResult Fail(TimeSpan duration, string reason, DateTimeOffset? certExpiry = null) => new(false, duration, reason, certExpiry);
}
