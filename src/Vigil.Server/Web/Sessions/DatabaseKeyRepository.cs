using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Vigil.Server.Storage;

namespace Vigil.Server.Web.Sessions;

/// <summary>
/// The UI's data-protection keys (they sign session cookies and anti-forgery tokens) in table <c>ui_keys</c>, so every
/// node of a cluster on one PostgreSQL accepts a session made on any other (behind a load balancer without sticky
/// sessions). Data protection reads the key ring rarely (at start, on expiry, and when a cookie names a key it does not
/// know yet), so the synchronous calls it makes here are few.
/// </summary>
internal sealed class DatabaseKeyRepository(Database db, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => ReadAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => StoreAsync(element, friendlyName).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> ReadAsync()
    {
        await using var conn = await db.OpenConnectionAsync().ConfigureAwait(false);
        await using var read = conn.Command(null, "SELECT xml FROM ui_keys ORDER BY stored_at, name");
        await using var rows = await read.ExecuteReaderAsync().ConfigureAwait(false);
        var keys = new List<XElement>();
        while (await rows.ReadAsync().ConfigureAwait(false))
        {
            keys.Add(XElement.Parse(rows.GetString(0)));
        }
        return keys;
    }

    private Task StoreAsync(XElement element, string friendlyName) =>
        db.WriteAsync(async (conn, tx) =>
        {
            // Names are unique per key (data protection uses "key-{id}"); a second store of the same key changes nothing.
            await using var insert = conn.Command(tx,
                "INSERT INTO ui_keys (name, xml, stored_at) VALUES (@name, @xml, @at) ON CONFLICT (name) DO NOTHING");
            insert.AddParameter("@name", friendlyName);
            insert.AddParameter("@xml", element.ToString(SaveOptions.DisableFormatting));
            insert.AddParameter("@at", UnixMs.From(clock.GetUtcNow()));
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        });
}
