using Microsoft.Extensions.Logging;

namespace Vigil.Server.Heartbeats;

internal static partial class HeartbeatLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat {Heartbeat}: {Alert} ({Reason})")]
    public static partial void Raised(ILogger logger, string heartbeat, string alert, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat {Heartbeat}: {Alert} resolved")]
    public static partial void Resolved(ILogger logger, string heartbeat, string alert);

    [LoggerMessage(Level = LogLevel.Error, Message = "Heartbeats: applying the reloaded configuration failed")]
    public static partial void ReloadFailed(ILogger logger, Exception error);
}
