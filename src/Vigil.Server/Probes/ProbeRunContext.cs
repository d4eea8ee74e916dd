using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;

namespace Vigil.Server.Probes;

/// <summary>
/// What every <see cref="ProbeRunner"/> shares: the clock, the concurrency gate, metrics, the resolve timeout, and
/// the way into the alert pipeline (<see cref="AlertIngestor.RaiseAsync"/> in the server).
/// </summary>
internal sealed record ProbeRunContext(
    TimeProvider Clock,
    SemaphoreSlim Gate,
    ProbeMetrics Metrics,
    Func<IReadOnlyList<Alert>, CancellationToken, Task> Raise,
    Func<TimeSpan> ResolveTimeout,
    ILogger Logger);
