using System.Data.Common;

namespace Vigil.Server.Storage;

public sealed partial class OutboxStore
{
    /// <summary>One message, or null.</summary>
    public async Task<OutboxItem?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM outbox WHERE id = @id");
        cmd.AddParameter("@id", id);
        var items = await ReadItemsAsync(cmd, cancellationToken).ConfigureAwait(false);
        return items.Count == 0 ? null : items[0];
    }

    /// <summary>Messages, newest first, optionally only those in <paramref name="state"/> or for <paramref name="receiver"/>.</summary>
    public async Task<IReadOnlyList<OutboxItem>> ListAsync(OutboxState? state = null, string? receiver = null, int limit = 100,
        CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "");
        var where = new List<string>();
        if (state is { } s)
        {
            where.Add("state = @state");
            cmd.AddParameter("@state", StateName(s));
        }
        if (receiver is not null)
        {
            where.Add("receiver = @receiver");
            cmd.AddParameter("@receiver", receiver);
        }
        cmd.AddParameter("@limit", (long)limit);
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        cmd.CommandText = $"SELECT {Columns} FROM outbox{filter} ORDER BY id DESC LIMIT @limit";
        return await ReadItemsAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The attempts made for message <paramref name="id"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.Command(null,
            "SELECT attempted_at, duration_ms, status_code, error FROM delivery_attempts WHERE outbox_id = @id ORDER BY id");
        cmd.AddParameter("@id", id);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var attempts = new List<DeliveryAttempt>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            attempts.Add(new DeliveryAttempt(UnixMs.ToInstant(reader.GetInt64(0)), TimeSpan.FromMilliseconds(reader.GetInt64(1)),
                reader.GetNullableInt64(2) is { } code ? (int)code : null, reader.GetNullableString(3)));
        }
        return attempts;
    }

    private static async Task<List<OutboxItem>> ReadItemsAsync(DbCommand cmd, CancellationToken ct)
    {
        var items = new List<OutboxItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            items.Add(new OutboxItem(
                r.GetInt64(0), r.GetString(1), r.GetString(2), (int)r.GetInt64(3), r.GetString(4), r.GetString(5),
                (byte[])r.GetValue(6), UnixMs.ToInstant(r.GetInt64(7)),
                r.GetString(8) switch
                {
                    "delivered" => OutboxState.Delivered,
                    "failed" => OutboxState.Failed,
                    "superseded" => OutboxState.Superseded,
                    _ => OutboxState.Pending,
                },
                (int)r.GetInt64(9), UnixMs.ToInstant(r.GetInt64(10)), r.GetNullableString(11),
                r.GetNullableInt64(12) is { } lease ? UnixMs.ToInstant(lease) : null,
                r.GetNullableInt64(13) is { } delivered ? UnixMs.ToInstant(delivered) : null,
                r.GetNullableString(14), r.GetNullableString(15), r.GetNullableInt64(16)));
        }
        return items;
    }
}
