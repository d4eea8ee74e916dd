namespace Vigil.Server.Heartbeats;

/// <summary>A heartbeat as <see cref="HeartbeatService"/> holds it: definition, pings, and the alert it has raised (guarded by the service's lock).</summary>
internal sealed class HeartbeatEntry(Heartbeat heartbeat, HeartbeatPings pings)
{
    public Heartbeat Heartbeat { get; set; } = heartbeat;

    public HeartbeatPings Pings { get; set; } = pings;

    /// <summary>The alert name firing in the pipeline for it, if any.</summary>
    public string? Raised { get; set; }

    public DateTimeOffset RaisedStartsAt { get; set; }

    public DateTimeOffset? LastRaisedAt { get; set; }
}
