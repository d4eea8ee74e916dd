using Microsoft.Extensions.Logging;

namespace Vigil.Server.Hosting;

internal static partial class LoopLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Loop}: {Item} could not be evaluated; skipping it and retrying in {Retry}")]
    public static partial void ItemFailed(ILogger logger, string loop, string item, TimeSpan retry, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Loop}: {Item} cannot be evaluated and is skipped: {Reason}")]
    public static partial void ItemInvalid(ILogger logger, string loop, string item, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Loop}: {Item} is evaluated again")]
    public static partial void ItemRecovered(ILogger logger, string loop, string item);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Loop}: the pass failed; retrying in {Retry}")]
    public static partial void PassFailed(ILogger logger, string loop, TimeSpan retry, Exception error);
}
