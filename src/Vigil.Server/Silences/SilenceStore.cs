using System.Data.Common;
using System.Text.Json.Nodes;
using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;
using Vigil.Server.Storage;

namespace Vigil.Server.Silences;

/// <summary>
/// Silences in table <c>silences</c> (migration 6), one row per id; matchers as a JSON array of
/// <c>{name, type, value}</c>. Writes run inside the caller's transaction, next to the audit record.
/// </summary>
internal sealed class SilenceStore(Database db)
{
    private const string Columns = "id, matchers, starts_at, ends_at, updated_at, created_by, comment, creator_identity, approved_by, approved_at";

    public async Task<IReadOnlyList<Silence>> LoadAllAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM silences");
        var result = new List<Silence>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(new Silence(
                r.GetString(0),
                ReadMatchers(r.GetString(1)),
                UnixMs.ToInstant(r.GetInt64(2)),
                UnixMs.ToInstant(r.GetInt64(3)),
                UnixMs.ToInstant(r.GetInt64(4)),
                r.GetString(5),
                r.GetString(6),
                r.GetString(7),
                r.GetNullableString(8),
                r.GetNullableInt64(9) is { } at ? UnixMs.ToInstant(at) : null));
        }
        return result;
    }

    /// <summary>Inserts or overwrites the silence with this id.</summary>
    public static async Task SaveAsync(DbConnection conn, DbTransaction tx, Silence s, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx,
            $"INSERT INTO silences ({Columns}) VALUES (@id, @matchers, @starts, @ends, @updated, @createdBy, @comment, @creator, @approvedBy, @approvedAt) " +
            "ON CONFLICT (id) DO UPDATE SET matchers = excluded.matchers, starts_at = excluded.starts_at, ends_at = excluded.ends_at, " +
            "updated_at = excluded.updated_at, created_by = excluded.created_by, comment = excluded.comment, " +
            "creator_identity = excluded.creator_identity, approved_by = excluded.approved_by, approved_at = excluded.approved_at");
        cmd.AddParameter("@id", s.Id);
        cmd.AddParameter("@matchers", WriteMatchers(s.Matchers));
        cmd.AddParameter("@starts", UnixMs.From(s.StartsAt));
        cmd.AddParameter("@ends", UnixMs.From(s.EndsAt));
        cmd.AddParameter("@updated", UnixMs.From(s.UpdatedAt));
        cmd.AddParameter("@createdBy", s.CreatedBy);
        cmd.AddParameter("@comment", s.Comment);
        cmd.AddParameter("@creator", s.CreatorIdentity);
        cmd.AddParameter("@approvedBy", s.ApprovedBy);
        cmd.AddParameter("@approvedAt", UnixMs.From(s.ApprovedAt));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Removes silences that ended before <paramref name="endedBefore"/>; returns their ids.</summary>
    public Task<IReadOnlyList<string>> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, CancellationToken ct) =>
        db.WriteAsync<IReadOnlyList<string>>(async (conn, tx) =>
        {
            var ids = new List<string>();
            await using (var select = conn.Command(tx, "SELECT id FROM silences WHERE ends_at < @before"))
            {
                select.AddParameter("@before", UnixMs.From(endedBefore));
                await using var r = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await r.ReadAsync(ct).ConfigureAwait(false))
                {
                    ids.Add(r.GetString(0));
                }
            }
            if (ids.Count > 0)
            {
                await using var delete = conn.Command(tx, "DELETE FROM silences WHERE ends_at < @before");
                delete.AddParameter("@before", UnixMs.From(endedBefore));
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return ids;
        }, ct);

    private static string WriteMatchers(IReadOnlyList<Matcher> matchers)
    {
        var array = new JsonArray();
        foreach (var m in matchers)
        {
            array.Add(new JsonObject { ["name"] = m.Name, ["type"] = Matcher.OperatorText(m.Type), ["value"] = m.Value });
        }
        return array.ToJsonString();
    }

    private static List<Matcher> ReadMatchers(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(n => Matcher.FromStore(
            n!["name"]!.GetValue<string>(),
            n["type"]!.GetValue<string>() switch
            {
                "=" => MatchType.Equal,
                "!=" => MatchType.NotEqual,
                "=~" => MatchType.Regex,
                _ => MatchType.NotRegex,
            },
            n["value"]!.GetValue<string>())).ToList();
}
