using Microsoft.Data.Sqlite;

namespace Vigil.Server.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file on a background connection, so
/// commits on the request path only append to the WAL (SQLite's own automatic checkpoint would run
/// inside whichever commit crosses the threshold, fsyncs included). The automatic checkpoint stays
/// on with a high threshold as a backstop.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Func<CancellationToken, Task<System.Data.Common.DbConnection>> _open;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SqliteCheckpointer(Func<CancellationToken, Task<System.Data.Common.DbConnection>> open)
    {
        _open = open;
        // Housekeeping on real time: it only paces I/O and never decides anything observable.
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await using var conn = await _open(_stop.Token).ConfigureAwait(false);
                    await using var cmd = conn.CreateCommand();
                    cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    await cmd.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (SqliteException)
                {
                    // Busy or the file is gone (tests); the next tick, or SQLite's own checkpoint, catches up.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
