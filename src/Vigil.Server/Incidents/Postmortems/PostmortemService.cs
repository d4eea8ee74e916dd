using System.Globalization;
using NodaTime;
using Vigil.Server.Audit;
using Vigil.Server.Incidents.ActionItems;
using Vigil.Server.Security;

namespace Vigil.Server.Incidents.Postmortems;

/// <summary>
/// Gathers an incident's facts (the record, action items, people's edits, what other parts measured) and writes its
/// postmortem; keeps edited sections (audited, and noted on the timeline) so regenerating never loses what a person wrote.
/// </summary>
public sealed class PostmortemService(IncidentService incidents, IncidentStore incidentStore, ActionItemStore items, PostmortemEditStore edits,
    IEnumerable<IPostmortemMeasures> measures, AuditLog audit, TimeProvider clock)
{
    public async Task<Postmortem?> WriteAsync(long id, DateTimeZone zone, CancellationToken ct)
    {
        if (await incidents.DetailAsync(id, ct).ConfigureAwait(false) is not { } detail)
        {
            return null;
        }
        ImpactFigures? impact = null;
        var vendors = new List<string>();
        foreach (var m in measures)
        {
            impact ??= await m.ImpactAsync(detail, ct).ConfigureAwait(false);
            vendors.AddRange(await m.VendorLinesAsync(detail, zone, ct).ConfigureAwait(false));
        }
        var facts = new PostmortemFacts(detail, await items.ListAsync(id, null, ActionItemService.MaxLimit, ct).ConfigureAwait(false),
            await edits.ForAsync(id, ct).ConfigureAwait(false), impact, vendors);
        return PostmortemWriter.Write(facts, zone);
    }

    /// <summary>
    /// Keeps <paramref name="text"/> as the section (null or empty drops the edit: the generated text returns). Changed is
    /// false only when there was no edit to drop.
    /// </summary>
    public async Task<(bool Changed, SectionEdit? Edit)> EditAsync(long id, string section, string? text, Caller caller, CancellationToken ct)
    {
        if (!PostmortemSections.IsEditable(section))
        {
            throw IncidentException.BadRequest("section", $"must be {PostmortemSections.EditableChoices} (the timeline is the record and is not edited; got \"{section}\")");
        }
        var body = IncidentText.Block(text, "text", required: false);
        return await edits.Database.WriteAsync(async (conn, tx) =>
        {
            _ = await incidentStore.LockAsync(conn, tx, id, ct).ConfigureAwait(false) ?? throw IncidentException.NotFound(id);
            var now = clock.GetUtcNow();
            var key = id.ToString(CultureInfo.InvariantCulture);
            SectionEdit? edit = null;
            string what;
            if (body.Length == 0)
            {
                if (!await PostmortemEditStore.DropAsync(conn, tx, id, section, ct).ConfigureAwait(false))
                {
                    return (false, (SectionEdit?)null);
                }
                what = $"postmortem section {section}: edit dropped, generated from the record again";
            }
            else
            {
                edit = new SectionEdit(section, body, caller.Identity, now);
                await PostmortemEditStore.PutAsync(conn, tx, id, edit, ct).ConfigureAwait(false);
                what = $"postmortem section {section} edited";
            }
            await IncidentStore.AppendEntryAsync(conn, tx, id, new IncidentEntry(now, "incident", "postmortem", caller.Identity, what, $"incident/{key}/postmortem"), ct).ConfigureAwait(false);
            await audit.AppendAsync(conn, tx, caller, "postmortem.edit", "incident", key, null,
                System.Text.Json.JsonSerializer.Serialize(new { section, text = edit?.Text }), ct).ConfigureAwait(false);
            return (true, edit);
        }, ct).ConfigureAwait(false);
    }
}
