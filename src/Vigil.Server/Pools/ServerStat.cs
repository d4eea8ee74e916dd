namespace Vigil.Server.Pools;

/// <summary>One server's row of <c>show stat</c>: its live state, its last health check, its traffic.</summary>
public sealed record ServerStat
{
    public required string Backend { get; init; }

    public required string Server { get; init; }

    public required ServerStatus Status { get; init; }

    /// <summary>The status as HAProxy printed it ("UP 1/2").</summary>
    public required string StatusText { get; init; }

    /// <summary>The last check's short code (L7OK, L4CON, L7STS…), or null without checks.</summary>
    public string? CheckStatus { get; init; }

    /// <summary>The last check's HTTP status, if any.</summary>
    public string? CheckCode { get; init; }

    /// <summary>HAProxy's words for the last check ("Layer4 connection problem").</summary>
    public string? CheckDescription { get; init; }

    /// <summary>Why the last check failed, from the server's point of view ("Connection refused").</summary>
    public string? LastCheck { get; init; }

    /// <summary>Current sessions (<c>scur</c>).</summary>
    public int CurrentSessions { get; init; }

    /// <summary>Requests queued for this server (<c>qcur</c>).</summary>
    public int QueuedRequests { get; init; }

    public int? Weight { get; init; }

    /// <summary>Slow-start throttle in percent while it ramps up; null when not throttled.</summary>
    public int? ThrottlePercent { get; init; }

    /// <summary>
    /// UP with its checks fully risen (or without checks) and not throttled: what HAProxy itself trusts. Right
    /// after <c>ready</c> HAProxy shows "UP 1/2" (one failed check puts it DOWN again); that is not yet risen.
    /// </summary>
    public bool FullyUp => (StatusText == "UP" || Status == ServerStatus.NoCheck) && ThrottlePercent is null;
}
