using System.Data.Common;
using Vigil.Server.Storage;

namespace Vigil.Server.Incidents.Postmortems;

/// <summary>Sections of postmortems a person rewrote (<c>postmortem_sections</c>), one row per incident and section.</summary>
public sealed class PostmortemEditStore(Database db)
{
    public Database Database => db;

    public async Task<IReadOnlyDictionary<string, SectionEdit>> ForAsync(long incidentId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT section, text, edited_by, edited_at FROM postmortem_sections WHERE incident_id = @id");
        cmd.AddParameter("@id", incidentId);
        var edits = new Dictionary<string, SectionEdit>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            edits[r.GetString(0)] = new SectionEdit(r.GetString(0), r.GetString(1), r.GetString(2), UnixMs.ToInstant(r.GetInt64(3)));
        }
        return edits;
    }

    public static async Task PutAsync(DbConnection conn, DbTransaction tx, long incidentId, SectionEdit edit, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, """
            INSERT INTO postmortem_sections (incident_id, section, text, edited_by, edited_at) VALUES (@id, @section, @text, @by, @at)
            ON CONFLICT (incident_id, section) DO UPDATE SET text = excluded.text, edited_by = excluded.edited_by, edited_at = excluded.edited_at
            """);
        cmd.AddParameter("@id", incidentId);
        cmd.AddParameter("@section", edit.Section);
        cmd.AddParameter("@text", edit.Text);
        cmd.AddParameter("@by", edit.EditedBy);
        cmd.AddParameter("@at", UnixMs.From(edit.EditedAt));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Drops a person's text for the section; false when there was none.</summary>
    public static async Task<bool> DropAsync(DbConnection conn, DbTransaction tx, long incidentId, string section, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "DELETE FROM postmortem_sections WHERE incident_id = @id AND section = @section");
        cmd.AddParameter("@id", incidentId);
        cmd.AddParameter("@section", section);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }
}
