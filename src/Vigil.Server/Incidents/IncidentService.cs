using System.Data.Common;
using System.Text.Json;
using Vigil.Server.Audit;
using Vigil.Server.Security;

namespace Vigil.Server.Incidents;

/// <summary>
/// Opens, changes and resolves incidents. Every change lands with its timeline entries (source <c>incident</c>) in the
/// same transaction; role changes are also written to the audit log. Refusals are <see cref="IncidentException"/>s.
/// </summary>
public sealed class IncidentService(IncidentStore store, IncidentLinker linker, IncidentTimeline timeline, IncidentAlertWatcher watcher, AuditLog audit, TimeProvider clock)
{
    /// <summary>Raised after any change is committed (the incident's id), for listeners such as the status page.</summary>
    public event Action<long>? Changed;

    /// <summary>The incident, its links, its times and its timeline; null when there is no such incident.</summary>
    public async Task<IncidentDetail?> DetailAsync(long id, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct).ConfigureAwait(false) is not { } incident)
        {
            return null;
        }
        var links = linker.Refresh(await store.LinksAsync(id, ct).ConfigureAwait(false));
        var pages = await linker.PagesAsync(links, ct).ConfigureAwait(false);
        var entries = await timeline.BuildAsync(incident, links, ct).ConfigureAwait(false);
        return new IncidentDetail(incident, links, pages, IncidentTimeRules.Derive(incident, links, pages), entries);
    }

    public Task<IReadOnlyList<Incident>> ListAsync(IncidentFilter filter, CancellationToken ct) => store.ListAsync(filter, ct);

    public async Task<Incident> OpenAsync(IncidentBodies.Open body, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var title = IncidentText.Line(body.Title, "title", required: true);
        var severity = Severity(body.Severity ?? "SEV3");
        var status = body.Status is null ? IncidentStatus.Investigating : Status(body.Status);
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IncidentText.Line(body.Commander, "commander", required: false) is { Length: > 0 } commander)
        {
            roles[IncidentRoles.Commander] = commander;
        }
        var incident = new Incident(0, title, severity, status, IncidentText.Block(body.Summary, "summary", false), "",
            IncidentText.Block(body.CustomerImpact, "customerImpact", false), roles, new Dictionary<TimeField, DateTimeOffset>(), now, caller.Identity, null, now);
        var links = await linker.ResolveAsync(body.Alerts, body.Pages, body.Windows, body.PlanRuns, ct).ConfigureAwait(false);
        var opened = await OpenAsync(incident, links, caller.Identity, ct).ConfigureAwait(false);
        return opened ?? throw new InvalidOperationException("an incident without an open key always opens");
    }

    /// <summary>Opens <paramref name="incident"/> with its links; null when its <see cref="Incident.OpenKey"/> is held by an open incident.</summary>
    public async Task<Incident?> OpenAsync(Incident incident, IReadOnlyList<IncidentLink> links, string actor, CancellationToken ct)
    {
        var opened = await store.Database.WriteAsync<Incident?>(async (conn, tx) =>
        {
            if (await IncidentStore.TryInsertAsync(conn, tx, incident, ct).ConfigureAwait(false) is not { } id)
            {
                return null;
            }
            var text = $"opened {incident.Severity.Name()} \"{incident.Title}\", {incident.Status.Name()}" +
                (incident.Commander is { } c ? $", commander {c}" : "");
            await Entry(conn, tx, id, incident.OpenedAt, "opened", actor, text, ct).ConfigureAwait(false);
            await LinkAsync(conn, tx, id, links, actor, incident.OpenedAt, ct).ConfigureAwait(false);
            return incident with { Id = id };
        }, ct).ConfigureAwait(false);
        if (opened is not null)
        {
            Follow(links);
            Changed?.Invoke(opened.Id);
        }
        return opened;
    }

    public async Task<Incident> UpdateAsync(long id, IncidentBodies.Update body, Caller caller, CancellationToken ct)
    {
        var links = await linker.ResolveAsync(body.Alerts, body.Pages, body.Windows, body.PlanRuns, ct).ConfigureAwait(false);
        var corrections = ReadCorrections(body.Times);
        var reason = IncidentText.Line(body.Reason, "reason", required: false);
        Follow(links);
        return await ChangeAsync(id, async (conn, tx, incident, now) =>
        {
            var changed = incident;
            var lines = new List<(string Kind, string Text)>();
            if (body.Title is not null && IncidentText.Line(body.Title, "title", true) is var title && title != incident.Title)
            {
                changed = changed with { Title = title };
                lines.Add(("title", $"title changed to \"{title}\""));
            }
            if (body.Severity is not null && Severity(body.Severity) is var severity && severity != incident.Severity)
            {
                changed = changed with { Severity = severity };
                lines.Add(("severity", $"severity {incident.Severity.Name()} → {severity.Name()}"));
            }
            if (body.Status is not null && Status(body.Status) is var status && status != incident.Status)
            {
                if (status == IncidentStatus.Resolved)
                {
                    throw IncidentException.BadRequest("status", "resolve with POST /api/v1/incidents/{id}/resolve (vigil incident resolve)");
                }
                changed = changed with { Status = status, ResolvedAt = null };
                lines.Add(("status", incident.IsOpen ? $"status {incident.Status.Name()} → {status.Name()}" : $"reopened, {status.Name()}"));
            }
            changed = Text(changed, lines, body.Summary, "summary", i => i.Summary, (i, v) => i with { Summary = v });
            changed = Text(changed, lines, body.RootCause, "rootCause", i => i.RootCause, (i, v) => i with { RootCause = v });
            changed = Text(changed, lines, body.CustomerImpact, "customerImpact", i => i.CustomerImpact, (i, v) => i with { CustomerImpact = v });
            if (corrections.Count > 0)
            {
                changed = await CorrectAsync(changed, corrections, lines, reason, ct).ConfigureAwait(false);
            }
            foreach (var (kind, text) in lines)
            {
                await Entry(conn, tx, id, now, kind, caller.Identity, text, ct).ConfigureAwait(false);
            }
            await LinkAsync(conn, tx, id, links, caller.Identity, now, ct).ConfigureAwait(false);
            return changed;
        }, ct).ConfigureAwait(false);
    }

    public async Task<IncidentEntry> NoteAsync(long id, string? text, Caller caller, CancellationToken ct)
    {
        var note = IncidentText.Block(text, "text", required: true);
        IncidentEntry? entry = null;
        await ChangeAsync(id, async (conn, tx, incident, now) =>
        {
            entry = new IncidentEntry(now, "incident", "note", caller.Identity, note, null);
            entry = entry with { Id = await IncidentStore.AppendEntryAsync(conn, tx, id, entry, ct).ConfigureAwait(false) };
            return incident;
        }, ct).ConfigureAwait(false);
        return entry!;
    }

    public async Task<Incident> AssignAsync(long id, string? role, string? person, Caller caller, CancellationToken ct)
    {
        if (IncidentRoles.Check(role) is { } problem)
        {
            throw IncidentException.BadRequest("role", problem);
        }
        var who = IncidentText.Line(person, "person", required: false);
        return await ChangeAsync(id, async (conn, tx, incident, now) =>
        {
            var roles = new Dictionary<string, string>(incident.Roles, StringComparer.Ordinal);
            var before = roles.TryGetValue(role!, out var was) ? was : null;
            if (before == (who.Length == 0 ? null : who))
            {
                return incident;
            }
            if (who.Length == 0)
            {
                roles.Remove(role!);
            }
            else
            {
                roles[role!] = who;
            }
            var text = who.Length == 0 ? $"{role} {before} unassigned" : before is null ? $"{role}: {who}" : $"{role}: {before} → {who}";
            await Entry(conn, tx, id, now, "role", caller.Identity, text, ct).ConfigureAwait(false);
            await audit.AppendAsync(conn, tx, caller, "incident.assign", "incident", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(new { role, person = before }), JsonSerializer.Serialize(new { role, person = who.Length == 0 ? null : who }), ct).ConfigureAwait(false);
            return incident with { Roles = roles };
        }, ct).ConfigureAwait(false);
    }

    public async Task<Incident> ResolveAsync(long id, IncidentBodies.Resolve body, Caller caller, CancellationToken ct) =>
        await ChangeAsync(id, async (conn, tx, incident, now) =>
        {
            if (!incident.IsOpen)
            {
                throw new IncidentException(409, $"incident {id} is already resolved (at {IncidentText.Quote(incident.ResolvedAt ?? now)})");
            }
            var lines = new List<(string Kind, string Text)>();
            var changed = Text(incident, lines, body.Summary, "summary", i => i.Summary, (i, v) => i with { Summary = v });
            changed = Text(changed, lines, body.RootCause, "rootCause", i => i.RootCause, (i, v) => i with { RootCause = v });
            changed = changed with { Status = IncidentStatus.Resolved, ResolvedAt = now, OpenKey = null };
            var times = IncidentTimeRules.Derive(changed, linker.Refresh(await store.LinksAsync(id, ct).ConfigureAwait(false)), []);
            if (IncidentTimeRules.CheckOrder(times, new HashSet<TimeField> { TimeField.Resolved }) is { } bad)
            {
                throw new IncidentException(409, $"{bad.Field.Name()}: {bad.Reason}; correct the times first");
            }
            lines.Add(("resolved", "resolved"));
            foreach (var (kind, text) in lines)
            {
                await Entry(conn, tx, id, now, kind, caller.Identity, text, ct).ConfigureAwait(false);
            }
            return changed;
        }, ct).ConfigureAwait(false);

    private async Task<Incident> CorrectAsync(Incident incident, Dictionary<TimeField, DateTimeOffset?> corrections,
        List<(string Kind, string Text)> lines, string reason, CancellationToken ct)
    {
        var links = linker.Refresh(await store.LinksAsync(incident.Id, ct).ConfigureAwait(false));
        var pages = await linker.PagesAsync(links, ct).ConfigureAwait(false);
        var before = IncidentTimeRules.Derive(incident, links, pages);
        var fixedTimes = new Dictionary<TimeField, DateTimeOffset>(incident.Corrections);
        foreach (var (field, at) in corrections)
        {
            if (at is { } t)
            {
                fixedTimes[field] = t;
            }
            else
            {
                fixedTimes.Remove(field);
            }
        }
        var changed = incident with { Corrections = fixedTimes };
        var after = IncidentTimeRules.Derive(changed, links, pages);
        if (IncidentTimeRules.CheckOrder(after, corrections.Keys.ToHashSet()) is { } bad)
        {
            throw IncidentException.BadRequest("times." + bad.Field.Name(), bad.Reason);
        }
        foreach (var field in corrections.Keys.Order())
        {
            var was = before.TryGetValue(field, out var b) ? $"{IncidentText.Quote(b.At)} ({b.Origin})" : "unknown";
            var now = after.TryGetValue(field, out var a) ? $"{IncidentText.Quote(a.At)} ({a.Origin})" : "unknown";
            lines.Add(("correction", $"{field.Name()} corrected: {was} → {now}" + (reason.Length > 0 ? $" — {reason}" : "")));
        }
        return changed;
    }

    private async Task<Incident> ChangeAsync(long id, Func<DbConnection, DbTransaction, Incident, DateTimeOffset, Task<Incident>> change, CancellationToken ct)
    {
        var result = await store.Database.WriteAsync(async (conn, tx) =>
        {
            var incident = await store.LockAsync(conn, tx, id, ct).ConfigureAwait(false) ?? throw IncidentException.NotFound(id);
            var now = clock.GetUtcNow();
            var changed = await change(conn, tx, incident, now).ConfigureAwait(false);
            if (changed != incident)
            {
                changed = changed with { UpdatedAt = now };
                await IncidentStore.UpdateAsync(conn, tx, changed, ct).ConfigureAwait(false);
            }
            return changed;
        }, ct).ConfigureAwait(false);
        Changed?.Invoke(id);
        return result;
    }

    private void Follow(IReadOnlyList<IncidentLink> links)
    {
        foreach (var link in links.Where(l => l.Kind == IncidentLink.Alert))
        {
            watcher.Follow(link.Ref);
        }
    }

    private static async Task LinkAsync(DbConnection conn, DbTransaction tx, long id, IReadOnlyList<IncidentLink> links, string actor, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var link in links)
        {
            if (await IncidentStore.TryLinkAsync(conn, tx, id, link, ct).ConfigureAwait(false))
            {
                var kind = link.Kind.Replace('_', ' ');
                var text = $"linked {kind} {link.Ref}" + (link.Label.Length > 0 ? $" ({Shorten(link.Label)})" : "");
                await Entry(conn, tx, id, now, "link", actor, text, ct, $"{link.Kind}/{link.Ref}").ConfigureAwait(false);
            }
        }
    }

    private static Task<long> Entry(DbConnection conn, DbTransaction tx, long id, DateTimeOffset at, string kind, string actor, string text, CancellationToken ct, string? link = null) =>
        IncidentStore.AppendEntryAsync(conn, tx, id, new IncidentEntry(at, "incident", kind, actor, text, link), ct);

    private static Incident Text(Incident incident, List<(string Kind, string Text)> lines, string? value, string field,
        Func<Incident, string> get, Func<Incident, string, Incident> set)
    {
        if (value is null || IncidentText.Block(value, field, required: false) is var text && text == get(incident))
        {
            return incident;
        }
        lines.Add((field, $"{field}: {Shorten(text)}"));
        return set(incident, text);
    }

    private static Dictionary<TimeField, DateTimeOffset?> ReadCorrections(Dictionary<string, string?>? times)
    {
        var result = new Dictionary<TimeField, DateTimeOffset?>();
        foreach (var (name, value) in times ?? [])
        {
            if (!TimeFields.TryParse(name, out var field))
            {
                throw IncidentException.BadRequest("times." + name, "not a time of an incident; one of " + TimeFields.Choices);
            }
            result[field] = value is null ? null : IncidentText.Instant(value, "times." + name);
        }
        return result;
    }

    private static IncidentSeverity Severity(string text) =>
        IncidentNames.TryParseSeverity(text, out var s) ? s : throw IncidentException.BadRequest("severity", $"must be {IncidentNames.SeverityChoices} (got \"{text}\")");

    private static IncidentStatus Status(string text) =>
        IncidentNames.TryParseStatus(text, out var s) ? s : throw IncidentException.BadRequest("status", $"must be {IncidentNames.StatusChoices} (got \"{text}\")");

    private static string Shorten(string text) => text.Length <= 120 ? text.ReplaceLineEndings(" ") : text[..117].ReplaceLineEndings(" ") + "...";
}
