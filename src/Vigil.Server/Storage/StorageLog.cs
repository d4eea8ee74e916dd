using Microsoft.Extensions.Logging;

namespace Vigil.Server.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Ingest log commit of {Count} records failed")]
    public static partial void IngestCommitFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Ingest log OnCommitted hook failed for records {FirstSeq}..{LastSeq}")]
    public static partial void IngestHookFailed(ILogger logger, long firstSeq, long lastSeq, Exception error);
}
