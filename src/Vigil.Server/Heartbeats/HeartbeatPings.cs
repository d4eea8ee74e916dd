namespace Vigil.Server.Heartbeats;

/// <summary>The last pings of a heartbeat (table <c>heartbeat_pings</c>). <see cref="FirstSeenAt"/> starts the first period.</summary>
public sealed record HeartbeatPings(
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? LastPingAt = null,
    DateTimeOffset? LastStartAt = null,
    DateTimeOffset? LastFailAt = null);
