using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Escalation;
using Vigil.Server.Hosting;
using Vigil.Server.Notify;
using Vigil.Server.Storage;

namespace Vigil.Server.Incidents;

/// <summary>
/// Applies <c>incidents.update_every</c> (<see cref="UpdateCadenceRules"/>): when an open incident has had no update for
/// its severity's cadence, adds a <c>missed_update</c> entry and reminds the commander through their contact methods,
/// both in one transaction (the outbox delivers). Woken by incident changes and at the next reminder due; the incident
/// row is locked and the last reminder read again inside the transaction, so two nodes never remind twice.
/// </summary>
public sealed partial class IncidentUpdateReminder(IncidentService incidents, IncidentStore store, OutboxStore outbox, OutboxDeliveryService delivery,
    IContactDirectory directory, ConfigHolder config, ExternalUrl externalUrl, TimeProvider clock, ILogger<IncidentUpdateReminder> logger) : BackgroundService
{
    private readonly WakeSignal _wake = new(clock);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        incidents.Changed += OnChanged;
        config.Reloaded += OnReloaded;
        try
        {
            await PassLoop.RunAsync(new LoopHealth("incident-updates", logger), _wake, clock, PassAsync, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            incidents.Changed -= OnChanged;
            config.Reloaded -= OnReloaded;
        }
    }

    private async Task<DateTimeOffset?> PassAsync(CancellationToken ct)
    {
        var every = config.Current.Incidents.UpdateEvery;
        if (every.Count == 0)
        {
            return null;
        }
        DateTimeOffset? next = null;
        foreach (var incident in await store.ListAsync(new IncidentFilter(null, null, true, null, null, 1000), ct).ConfigureAwait(false))
        {
            if (!every.ContainsKey(incident.Severity))
            {
                continue;
            }
            var due = UpdateCadenceRules.NextReminder(incident, await store.EntriesAsync(incident.Id, ct).ConfigureAwait(false), every);
            if (due is { } at && at <= clock.GetUtcNow())
            {
                await RemindAsync(incident.Id, every, ct).ConfigureAwait(false);
                due = UpdateCadenceRules.NextReminder(incident, await store.EntriesAsync(incident.Id, ct).ConfigureAwait(false), every);
            }
            if (due is { } d && (next is null || d < next))
            {
                next = d;
            }
        }
        return next;
    }

    private async Task RemindAsync(long id, IReadOnlyDictionary<IncidentSeverity, TimeSpan> every, CancellationToken ct)
    {
        var queued = await store.Database.WriteAsync(async (conn, tx) =>
        {
            if (await store.LockAsync(conn, tx, id, ct).ConfigureAwait(false) is not { } incident)
            {
                return 0;
            }
            var now = clock.GetUtcNow();
            // Read again under the lock: another node, or a person's update, may have come first.
            var entries = await store.EntriesAsync(id, ct).ConfigureAwait(false);
            if (UpdateCadenceRules.NextReminder(incident, entries, every) is not { } due || due > now)
            {
                return 0;
            }
            var contacts = incident.Commander is { } c ? directory.ContactsOf(c) : [];
            var text = UpdateCadenceRules.Text(incident, every[incident.Severity], contacts.Count > 0);
            await IncidentStore.AppendEntryAsync(conn, tx, id, new IncidentEntry(now, "incident", UpdateCadenceRules.MissedKind, "vigil", text, null), ct).ConfigureAwait(false);
            var url = $"{externalUrl.Value.TrimEnd('/')}/api/v1/incidents/{id}";
            var messages = incident.Commander is { } person ? UpdateReminderMessages.Build(incident, person, contacts, text, url, now) : [];
            foreach (var m in messages)
            {
                await outbox.EnqueueAsync(conn, tx, m, ct).ConfigureAwait(false);
            }
            LogMissed(logger, id, text);
            return messages.Count + 1;
        }, ct).ConfigureAwait(false);
        if (queued > 1)
        {
            delivery.Notify();
        }
    }

    private void OnChanged(long id) => _wake.Wake();

    private void OnReloaded(VigilConfig _) => _wake.Wake();

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {Id} missed an update: {Text}")]
    private static partial void LogMissed(ILogger logger, long id, string text);
}
