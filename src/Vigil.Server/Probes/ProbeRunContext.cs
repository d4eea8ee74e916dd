using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Config;

namespace Vigil.Server.Probes;

/// <summary>What every <see cref="ProbeRunner"/> shares: the clock, the concurrency gate, metrics, and the way into the alert pipeline.</summary>
internal sealed record ProbeRunContext(
    TimeProvider Clock,
    SemaphoreSlim Gate,
    ProbeMetrics Metrics,
    AlertIngestor Ingestor,
    ConfigHolder Config,
    ILogger Logger);
