using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Server.Notify;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Notify;

/// <summary>Delivery outcomes stored together (<see cref="OutboxCompletions"/>, <see cref="OutboxStore.CompleteAsync"/>).</summary>
public sealed class OutboxCompletionsTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const string Worker = "node-a/1/aaaa";
    private readonly TestDatabases _dbs = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _dbs.DisposeAsync();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task BatchWithAnOutcomeThatCannotBeStored_StoresTheOthersOnce_AndLeavesThatMessagePendingUnderItsLease(string engine)
    {
        var db = await _dbs.CreateAsync(engine);
        var outbox = new OutboxStore(db);
        var ids = await ClaimAsync(outbox, 4);
        await FailAttemptsOfAsync(db, ids[2]);
        var completions = new OutboxCompletions(outbox, Worker, NullLogger.Instance);

        // The first outcome's write waits for a transaction holding the writer (SQLite) or its row (PostgreSQL), so the
        // other three queue up behind it and are written as one batch, which fails on the third message.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = db.WriteAsync(async (conn, tx) =>
        {
            await using (var cmd = conn.Command(tx, db.Engine == DatabaseEngine.Postgres ? "SELECT id FROM outbox WHERE id = @id FOR UPDATE" : "SELECT 1"))
            {
                cmd.AddParameter("@id", ids[0]);
                await cmd.ExecuteScalarAsync(Ct);
            }
            held.SetResult();
            await release.Task;
        }, Ct);
        await held.Task;
        var first = completions.CompleteAsync(Delivered(ids[0]));
        var rest = ids.Skip(1).Select(id => completions.CompleteAsync(Delivered(id))).ToList();
        release.SetResult();
        await holder;

        Assert.Equal(OutboxState.Delivered, await first);
        Assert.Equal(OutboxState.Delivered, await rest[0]);
        await Assert.ThrowsAnyAsync<Exception>(() => rest[1]);
        Assert.Equal(OutboxState.Delivered, await rest[2]);
        foreach (var id in new[] { ids[0], ids[1], ids[3] })
        {
            var item = await outbox.GetAsync(id, Ct);
            Assert.Equal((OutboxState.Delivered, 1, (string?)null), (item!.State, item.Attempts, item.LeaseOwner));
            Assert.Equal([200], (await outbox.GetAttemptsAsync(id, Ct)).Select(a => a.StatusCode));
        }
        var kept = await outbox.GetAsync(ids[2], Ct);
        Assert.Equal((OutboxState.Pending, 0, Worker), (kept!.State, kept.Attempts, kept.LeaseOwner));
        Assert.Empty(await outbox.GetAttemptsAsync(ids[2], Ct));

        // Once its lease runs out it is claimed and sent again: at least once, never lost.
        Assert.Equal(ids[2], Assert.Single(await outbox.ClaimDueAsync("node-b/2/bbbb", T0 + Lease + TimeSpan.FromSeconds(1), Lease, 10, cancellationToken: Ct)).Id);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OutcomeStoredTwice_CountsItsAttemptsOnce(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        var id = (await ClaimAsync(outbox, 1))[0];
        var retry = DeliveryCompletion.Retry(id, [new DeliveryAttempt(T0, TimeSpan.FromMilliseconds(3), 503, "HTTP 503")], T0, T0.AddMinutes(1), "HTTP 503");

        Assert.Equal([OutboxState.Pending], await outbox.CompleteAsync(Worker, [retry], Ct));
        Assert.Equal([(OutboxState?)null], await outbox.CompleteAsync(Worker, [retry], Ct));

        var item = await outbox.GetAsync(id, Ct);
        Assert.Equal((OutboxState.Pending, 1, "HTTP 503", T0.AddMinutes(1), (string?)null), (item!.State, item.Attempts, item.LastError, item.NextAttemptAt, item.LeaseOwner));
        Assert.Single(await outbox.GetAttemptsAsync(id, Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OutcomeOfAWorkerWhoseMessageWasTakenOver_ChangesNothing(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        var id = (await ClaimAsync(outbox, 1))[0];
        Assert.Single(await outbox.ClaimDueAsync("node-b/2/bbbb", T0 + Lease + TimeSpan.FromSeconds(1), Lease, 10, cancellationToken: Ct));

        Assert.Equal([(OutboxState?)null], await outbox.CompleteAsync(Worker, [Delivered(id)], Ct));

        var item = await outbox.GetAsync(id, Ct);
        Assert.Equal((OutboxState.Pending, "node-b/2/bbbb"), (item!.State, item.LeaseOwner));
        Assert.Empty(await outbox.GetAttemptsAsync(id, Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task WhileTheWorkerIsBusy_OutcomesHandedInTogether_AreStoredInOneTransaction(string engine)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        var ids = await ClaimAsync(outbox, 6);
        // One outcome stored first, so the connection and statements are warm and a write takes far less than 20 ms.
        await new OutboxCompletions(outbox, Worker, NullLogger.Instance).CompleteAsync(Delivered(ids[0]));
        ids.RemoveAt(0);
        var completions = new OutboxCompletions(outbox, Worker, NullLogger.Instance, busy: () => true, gather: TimeSpan.FromSeconds(2));

        // The first outcome finds no write under way; with the worker busy it waits for company instead of writing alone,
        // and the others, handed in 20 ms apart (each would find the previous one written by then), join it.
        var stored = new List<Task<OutboxState?>>();
        foreach (var id in ids)
        {
            stored.Add(completions.CompleteAsync(Delivered(id)));
            await Task.Delay(20, Ct);
        }

        Assert.All(await Task.WhenAll(stored), s => Assert.Equal(OutboxState.Delivered, s));
        Assert.Equal(1, completions.Writes);
        foreach (var id in ids)
        {
            Assert.Equal(OutboxState.Delivered, (await outbox.GetAsync(id, Ct))!.State);
        }
    }

    [Theory]
    [InlineData("sqlite", false, OutboxCompletions.DefaultMaxBatch)]
    [InlineData("postgres", false, OutboxCompletions.DefaultMaxBatch)]
    // Busy, but a batch of at most 4: one outcome is already a quarter of it, so there is nothing to wait for.
    [InlineData("sqlite", true, 4)]
    [InlineData("postgres", true, 4)]
    public async Task AnOutcome_IsStoredAtOnce_WhenTheWorkerIsNotBusy_OrItsWriteCarriesEnough(string engine, bool busy, int maxBatch)
    {
        var outbox = new OutboxStore(await _dbs.CreateAsync(engine));
        var id = (await ClaimAsync(outbox, 1))[0];
        var completions = new OutboxCompletions(outbox, Worker, NullLogger.Instance, maxBatch, busy: () => busy, gather: TimeSpan.FromHours(1));

        Assert.Equal(OutboxState.Delivered, await completions.CompleteAsync(Delivered(id)).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(OutboxState.Delivered, (await outbox.GetAsync(id, Ct))!.State);
    }

    private static DeliveryCompletion Delivered(long id) =>
        DeliveryCompletion.Delivered(id, [new DeliveryAttempt(T0, TimeSpan.FromMilliseconds(5), 200, null)], T0.AddSeconds(1));

    private static async Task<List<long>> ClaimAsync(OutboxStore outbox, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await outbox.EnqueueAsync(new OutboxMessage("ops", 0, $"http://127.0.0.1:9/page/{i}", $"page:{i}", Encoding.UTF8.GetBytes("{}"), T0), null, Ct);
        }
        var claimed = await outbox.ClaimDueAsync(Worker, T0, Lease, count, cancellationToken: Ct);
        Assert.Equal(count, claimed.Count);
        return [.. claimed.Select(m => m.Id).Order()];
    }

    /// <summary>A database that refuses to store attempts of message <paramref name="id"/> (a trigger), as a broken disk or
    /// constraint would.</summary>
    private static Task FailAttemptsOfAsync(Database db, long id) => db.WriteAsync(async (conn, tx) =>
    {
        var sql = db.Engine == DatabaseEngine.Postgres
            ? $"CREATE FUNCTION refuse_attempt() RETURNS trigger AS $$ BEGIN IF NEW.outbox_id = {id} THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; " +
              "CREATE TRIGGER refuse_attempt BEFORE INSERT ON delivery_attempts FOR EACH ROW EXECUTE FUNCTION refuse_attempt();"
            : $"CREATE TRIGGER refuse_attempt BEFORE INSERT ON delivery_attempts WHEN NEW.outbox_id = {id} BEGIN SELECT RAISE(ABORT, 'refused'); END;";
        await using var cmd = conn.Command(tx, sql);
        await cmd.ExecuteNonQueryAsync(Ct);
    }, Ct);
}
