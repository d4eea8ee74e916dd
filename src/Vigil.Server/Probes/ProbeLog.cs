using Microsoft.Extensions.Logging;

namespace Vigil.Server.Probes;

internal static partial class ProbeLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe {Probe} is down: {Reason}")]
    public static partial void Down(ILogger logger, string probe, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe {Probe} is up again")]
    public static partial void Up(ILogger logger, string probe);

    [LoggerMessage(Level = LogLevel.Error, Message = "Probe {Probe}: raising its alert failed; retrying after the next run")]
    public static partial void RaiseFailed(ILogger logger, string probe, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Probe {Probe}: the run failed unexpectedly")]
    public static partial void RunCrashed(ILogger logger, string probe, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Probes: applying the reloaded configuration failed")]
    public static partial void ReloadFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Probes: {Count} scheduled")]
    public static partial void Scheduled(ILogger logger, int count);
}
