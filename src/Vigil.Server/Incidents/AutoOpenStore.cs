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

    /// <summary>Of <paramref name="fingerprints"/>, the ones linked to any incident, each with the start it was linked with.</summary>
    public async Task<IReadOnlyList<(string Fingerprint, DateTimeOffset StartedAt)>> LinkedAsync(IReadOnlyList<string> fingerprints, CancellationToken ct)
    {
        var linked = new List<(string, DateTimeOffset)>();
        if (fingerprints.Count == 0)
        {
            return linked;
        }
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        foreach (var chunk in fingerprints.Chunk(500))
        {
            await using var cmd = conn.Command(null, "");
            var names = new List<string>();
            for (var i = 0; i < chunk.Length; i++)
            {
                names.Add("@f" + i.ToString(CultureInfo.InvariantCulture));
                cmd.AddParameter(names[^1], chunk[i]);
            }
            cmd.CommandText = $"SELECT ref, started_at FROM incident_links WHERE kind = 'alert' AND started_at IS NOT NULL AND ref IN ({string.Join(", ", names)})";
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                linked.Add((r.GetString(0), UnixMs.ToInstant(r.GetInt64(1))));
            }
        }
        return linked;
    }
}
