namespace Vigil.Server.Heartbeats;

/// <summary>A heartbeat's state at an instant: up, or the alert it deserves (<see cref="AlertName"/>) and why.</summary>
public sealed record HeartbeatVerdict(string? AlertName, string Reason)
{
    public const string Missing = "HeartbeatMissing";

    public const string Failed = "HeartbeatFailed";

    public static readonly HeartbeatVerdict Up = new(null, "");

    public bool IsUp => AlertName is null;
}
