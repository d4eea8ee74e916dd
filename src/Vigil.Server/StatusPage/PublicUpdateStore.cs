using System.Globalization;
using System.Text.Json;
using Vigil.Server.Storage;

namespace Vigil.Server.StatusPage;

/// <summary>Public incident updates (<c>public_updates</c>, append-only).</summary>
public sealed class PublicUpdateStore(Database db)
{
    public Task<long> AppendAsync(PublicUpdate u, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx,
                "INSERT INTO public_updates (incident_id, at, actor, status, body, components) VALUES (@incident, @at, @actor, @status, @body, @components) RETURNING id");
            cmd.AddParameter("@incident", u.IncidentId);
            cmd.AddParameter("@at", UnixMs.From(u.At));
            cmd.AddParameter("@actor", u.Actor);
            cmd.AddParameter("@status", u.Status);
            cmd.AddParameter("@body", u.Body);
            cmd.AddParameter("@components", JsonSerializer.Serialize(u.Components));
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }, ct);

    public Task<IReadOnlyList<PublicUpdate>> OfIncidentAsync(long incidentId, CancellationToken ct) =>
        QueryAsync("SELECT id, incident_id, at, actor, status, body, components FROM public_updates WHERE incident_id = @id ORDER BY id", incidentId, ct);

    /// <summary>The newest <paramref name="limit"/> updates of every incident, newest first (the feed and the page's history).</summary>
    public Task<IReadOnlyList<PublicUpdate>> RecentAsync(int limit, CancellationToken ct) =>
        QueryAsync("SELECT id, incident_id, at, actor, status, body, components FROM public_updates ORDER BY id DESC LIMIT @id", limit, ct);

    private async Task<IReadOnlyList<PublicUpdate>> QueryAsync(string sql, long arg, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, sql);
        cmd.AddParameter("@id", arg);
        var list = new List<PublicUpdate>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new PublicUpdate(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetInt64(1), UnixMs.ToInstant(r.GetInt64(2)), r.GetString(3),
                r.GetString(4), r.GetString(5), JsonSerializer.Deserialize<List<string>>(r.GetString(6)) ?? []));
        }
        return list;
    }
}
