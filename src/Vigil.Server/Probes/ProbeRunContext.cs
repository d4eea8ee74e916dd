using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Hosting;

namespace Vigil.Server.Probes;

/// <summary>
/// What every <see cref="ProbeRunner"/> shares: the clock, the concurrency gate, metrics, the resolve timeout, and
/// the way into the alert pipeline (<see cref="AlertIngestor.RaiseAsync"/> in the server), whether this node runs a
/// probe now (its lease, when several nodes share a database), what the alerts say of a probe this node does not run
/// (<see cref="ProbeRules.FromAlert"/>), and the probes' loop health.
/// </summary>
internal sealed record ProbeRunContext(
    TimeProvider Clock,
    SemaphoreSlim Gate,
    ProbeMetrics Metrics,
    Func<IReadOnlyList<Alert>, CancellationToken, Task> Raise,
    Func<TimeSpan> ResolveTimeout,
    ILogger Logger,
    Func<string, bool> RunsHere,
    Func<ProbeDefinition, ProbeStatus> FromAlerts)
{
    /// <summary>Probes whose loop failed, for logs and <c>/metrics</c> (<c>loop="probes"</c>).</summary>
    public LoopHealth Health { get; } = new("probes", Logger);
}
