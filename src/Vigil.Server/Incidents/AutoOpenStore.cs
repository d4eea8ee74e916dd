using System.Globalization;
using Vigil.Server.Storage;

namespace Vigil.Server.Incidents;

/// <summary>The two reads the auto-opener needs: which rules hold an open incident, and which alerts are in an incident already.</summary>
public sealed class AutoOpenStore(Database db)
{
    /// <summary>Open incidents holding an open key: key → incident id.</summary>
    public async Task<IReadOnlyDictionary<string, long>> OpenKeysAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT open_key, id FROM incidents WHERE open_key IS NOT NULL");
        var keys = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            keys[r.GetString(0)] = Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture);
        }
        return keys;
    }

    /// <summary>Alerts (fingerprint and start) linked to any incident since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<(string Fingerprint, DateTimeOffset StartedAt)>> LinkedAlertsAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null,
            "SELECT ref, started_at FROM incident_links WHERE kind = 'alert' AND started_at IS NOT NULL AND linked_at >= @since");
        cmd.AddParameter("@since", UnixMs.From(since));
        var linked = new List<(string, DateTimeOffset)>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            linked.Add((r.GetString(0), UnixMs.ToInstant(r.GetInt64(1))));
        }
        return linked;
    }
}
