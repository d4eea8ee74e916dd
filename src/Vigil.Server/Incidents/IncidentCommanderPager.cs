using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Escalation;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Incidents;

/// <summary>
/// Pages the commander of every newly opened incident (<see cref="CommanderPaging"/>) through the escalation engine, so
/// the page is durable, escalates and is acknowledged like any other; the page is linked to the incident, which puts
/// its history on the timeline. Woken by every incident change; an incident opened less than
/// <see cref="Recent"/> ago without a linked page is paged (also after a crash between opening and paging). An
/// incident with nobody to page gets a <c>not_paged</c> entry saying why.
/// </summary>
public sealed partial class IncidentCommanderPager(IncidentService incidents, IncidentStore store, PageService pages, PageStore pageStore,
    ConfigHolder config, ExternalUrl externalUrl, TimeProvider clock, ILogger<IncidentCommanderPager> logger) : BackgroundService
{
    /// <summary>Older incidents are never paged by this loop: an incident from before an upgrade is not news.</summary>
    private static readonly TimeSpan Recent = TimeSpan.FromHours(1);

    private static readonly Caller Vigil = new("vigil", Scope.Write, "");

    private readonly WakeSignal _wake = new(clock);
    private readonly ConcurrentDictionary<long, byte> _done = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        incidents.Changed += OnChanged;
        try
        {
            await PassLoop.RunAsync(new LoopHealth("incident-pages", logger), _wake, clock, async ct =>
            {
                await PassAsync(ct).ConfigureAwait(false);
                return null;
            }, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            incidents.Changed -= OnChanged;
        }
    }

    private async Task PassAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = await store.ListAsync(new IncidentFilter(null, null, true, now - Recent, null, 1000), ct).ConfigureAwait(false);
        foreach (var incident in open)
        {
            if (_done.ContainsKey(incident.Id))
            {
                continue;
            }
            if ((await store.LinksAsync(incident.Id, ct).ConfigureAwait(false)).Any(l => l.Kind == IncidentLink.Page)
                || (await store.EntriesAsync(incident.Id, ct).ConfigureAwait(false)).Any(e => e.Kind == "not_paged"))
            {
                _done.TryAdd(incident.Id, 0);
                continue;
            }
            await PageAsync(incident, ct).ConfigureAwait(false);
            _done.TryAdd(incident.Id, 0);
        }
    }

    private async Task PageAsync(Incident incident, CancellationToken ct)
    {
        var current = config.Current;
        if (CommanderPaging.PolicyFor(incident, current.Incidents, current.EscalationPolicies, current.Oncall.People.ContainsKey) is not { } policy)
        {
            if (!CommanderPaging.IsAutoOpened(incident) && current.Incidents.EscalationPolicy is null && current.Incidents.Commander is null)
            {
                return; // opened by hand in a configuration that pages nobody for incidents: nothing to say
            }
            await store.Database.WriteAsync(async (conn, tx) => await IncidentStore.AppendEntryAsync(conn, tx, incident.Id,
                new IncidentEntry(clock.GetUtcNow(), "incident", "not_paged", "vigil",
                    "nobody paged: no commander in people: and no incidents.escalation_policy", null), ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            LogNotPaged(logger, incident.Id);
            return;
        }
        var key = CommanderPaging.PageKey(incident.Id);
        var title = $"{incident.Severity.Name()} incident #{incident.Id}: {incident.Title}";
        var details = string.Join('\n', new[]
        {
            $"incident: {incident.Id} ({incident.Severity.Name()}, {incident.Status.Name()})",
            $"commander: {incident.Commander ?? "(none)"}",
            incident.Summary,
            $"{externalUrl.Value.TrimEnd('/')}/api/v1/incidents/{incident.Id}",
        }.Where(l => l.Length > 0));
        var request = new PageRequest(key, key, "incidents", policy.Name, "", null, title, details);
        var id = await pages.OpenAsync(request, policy, ct).ConfigureAwait(false)
            ?? (await pageStore.FindOpenAsync("page_key", key, ct).ConfigureAwait(false))?.Id;
        if (id is not { } pageId)
        {
            return;
        }
        await incidents.UpdateAsync(incident.Id, new IncidentBodies.Update(null, null, null, null, null, null, null, null, null, [pageId], null, null),
            Vigil, ct).ConfigureAwait(false);
        LogPaged(logger, incident.Id, policy.Name, pageId);
    }

    private void OnChanged(long id) => _wake.Wake();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Id} opened with nobody to page (no commander, no incidents.escalation_policy)")]
    private static partial void LogNotPaged(ILogger logger, long id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Id}: commander paged through {Policy} (page {Page})")]
    private static partial void LogPaged(ILogger logger, long id, string policy, long page);
}
