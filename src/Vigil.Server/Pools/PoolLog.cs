using Microsoft.Extensions.Logging;

namespace Vigil.Server.Pools;

internal static partial class PoolLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}: {Backend}/{Server} set to {State} in {Instance}")]
    public static partial void StateSet(ILogger logger, string pool, string backend, string server, string state, string instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: {Backend}/{Server} not set to {State} in {Instance}: {Error}")]
    public static partial void StateNotSet(ILogger logger, string pool, string backend, string server, string state, string instance, string error);
}
