using Vigil.Server.Labels;

namespace Vigil.Server.Heartbeats;

/// <summary>
/// A dead-man switch: something (a cron job, a batch) must ping <c>/hb/{Id}</c> every <see cref="Period"/>, or at each
/// occurrence of <see cref="Cron"/> in <see cref="TimeZone"/>, within <see cref="Grace"/>. The id is the secret.
/// </summary>
public sealed record Heartbeat
{
    /// <summary>A UUID; knowing it is what allows pinging.</summary>
    public required string Id { get; init; }

    /// <summary>Unique name; the <c>heartbeat</c> label of its alerts.</summary>
    public required string Name { get; init; }

    /// <summary>Expected time between pings (or give <see cref="Cron"/>).</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>How late a ping may be, and how long a started run may take. Default 5m.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Five-field cron expression of when pings are expected (instead of <see cref="Period"/>).</summary>
    public string? Cron { get; init; }

    /// <summary>IANA zone <see cref="Cron"/> is read in. Default UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Labels of its alerts.</summary>
    public LabelSet Labels { get; init; } = LabelSet.Empty;

    /// <summary><c>config</c> (from <c>heartbeats:</c>) or <c>api</c>.</summary>
    public string Source { get; init; } = HeartbeatSources.Api;

    public DateTimeOffset CreatedAt { get; init; }
}
