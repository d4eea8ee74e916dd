using System.Data.Common;
using Vigil.Server.Hosting;

namespace Vigil.Server.Storage;

/// <summary>
/// Group commit for SQLite, where writes run one at a time: writes that arrive while one is under way wait together
/// and then run in one transaction, each inside its own savepoint. A write that throws is rolled back to its savepoint
/// alone and its caller gets the exception; the others commit together, and each caller gets its result only after
/// that commit (what it was told is stored is stored). A failed commit fails every write of the group. The 50 hosts of
/// a plan batch asking their agents for a reboot are one transaction instead of 50 (and so are the agents taking them).
/// </summary>
internal sealed class GroupCommit(Func<Func<DbConnection, DbTransaction, Task>, Task> transaction)
{
    private const string Savepoint = "vigil_group";

    private readonly List<Item> _queue = [];
    private bool _draining;

    /// <summary>Runs <paramref name="work"/> in the next group's transaction; its result once that transaction committed.</summary>
    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        var item = new Item<T>(work, ct);
        bool start;
        lock (_queue)
        {
            _queue.Add(item);
            start = !_draining;
            _draining = true;
        }
        if (start)
        {
            // The group's work is not one caller's to cancel; a caller that gives up before its turn is skipped.
            Drain.Start(DrainAsync);
        }
        return item.Done.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }
            List<Item>? group = null;
            try
            {
                await transaction(async (conn, tx) =>
                {
                    // Taken once the transaction has the writer: what arrived while it waited for it joins too.
                    group = Take();
                    foreach (var item in group)
                    {
                        await RunOneAsync(item, conn, tx).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
                group?.ForEach(i => i.Committed());
            }
            catch (Exception e)
            {
                (group ?? Take()).ForEach(i => i.Failed(e));
            }
        }
    }

    private List<Item> Take()
    {
        lock (_queue)
        {
            List<Item> taken = [.. _queue];
            _queue.Clear();
            return taken;
        }
    }

    private static async Task RunOneAsync(Item item, DbConnection conn, DbTransaction tx)
    {
        if (item.Cancellation.IsCancellationRequested)
        {
            item.Failed(new OperationCanceledException(item.Cancellation));
            return;
        }
        await tx.SaveAsync(Savepoint).ConfigureAwait(false);
        try
        {
            await item.RunAsync(conn, tx).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Undo this write only; if even that fails the transaction is unusable and the whole group fails.
            await tx.RollbackAsync(Savepoint).ConfigureAwait(false);
            await tx.ReleaseAsync(Savepoint).ConfigureAwait(false);
            item.Failed(e);
            return;
        }
        await tx.ReleaseAsync(Savepoint).ConfigureAwait(false);
    }

    private abstract class Item(CancellationToken ct)
    {
        public CancellationToken Cancellation => ct;

        public abstract Task RunAsync(DbConnection conn, DbTransaction tx);

        /// <summary>The transaction committed: hand over the result (a write that failed on its own already said so).</summary>
        public abstract void Committed();

        public abstract void Failed(Exception e);
    }

    private sealed class Item<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct) : Item(ct)
    {
        private T? _result;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(DbConnection conn, DbTransaction tx) => _result = await work(conn, tx).ConfigureAwait(false);

        public override void Committed() => Done.TrySetResult(_result!);

        public override void Failed(Exception e)
        {
            if (e is OperationCanceledException oce && Cancellation.IsCancellationRequested)
            {
                Done.TrySetCanceled(oce.CancellationToken);
                return;
            }
            Done.TrySetException(e);
        }
    }
}
