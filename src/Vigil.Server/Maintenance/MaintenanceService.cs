using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Notify;
using Vigil.Server.Storage;

namespace Vigil.Server.Maintenance;

/// <summary>
/// Runs windows on the <see cref="TimeProvider"/>: records each occurrence's start, sends the warning
/// <c>warn_before_end</c> before its end, and at its end (on time or early) raises every alert it muted that
/// still fires again as critical, flushing their groups at once. Each step is recorded once per occurrence
/// as an event; the insert that wins decides who acts, so a restart or a second node never repeats a step. Each
/// window is handled on its own: one that cannot be evaluated or whose step throws is skipped with its error shown
/// (<see cref="WindowSet.Health"/>), and the others go on.
/// </summary>
public sealed partial class MaintenanceService(
    WindowSet windows,
    WindowStore store,
    WindowEventStore events,
    AlertState alerts,
    AlertPoster poster,
    OutlivedAlerts outlived,
    FlushRequests flushes,
    OutboxStore outbox,
    OutboxDeliveryService delivery,
    Database db,
    ConfigHolder config,
    ExternalUrl externalUrl,
    Cluster.LeaseBook leases,
    TimeProvider clock,
    ILogger<MaintenanceService> logger) : BackgroundService
{
    /// <summary>In a cluster one node (lease <c>maintenance/windows</c>) starts, warns and ends windows; every node keeps
    /// its copy of them current for muting.</summary>
    public const string LeaseKind = "maintenance";

    private const string LeaseKey = "windows";

    /// <summary>The longest sleep: other nodes' changes to the table are picked up at least this often.</summary>
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);

    /// <summary>How often re-raised copies are brought in step with their originals.</summary>
    private static readonly TimeSpan MirrorPeriod = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RetentionPeriod = TimeSpan.FromHours(1);

    private readonly Hosting.WakeSignal _wake = new(clock);
    private readonly HashSet<(string WindowId, DateTimeOffset Start, string Kind)> _recorded = [];
    private DateTimeOffset _lastRetention = DateTimeOffset.MinValue;
    private bool _held;

    /// <summary>Runs a tick now (after a window was created, changed, ended or marked done).</summary>
    public void Wake() => _wake.Wake();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        leases.Changed += _wake.Wake;
        leases.Want(LeaseKind, [LeaseKey], balanced: false);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset due;
            try
            {
                due = await TickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                due = clock.GetUtcNow() + windows.Health.PassFailed(e);
            }
            await _wake.WaitAsync(due, stoppingToken);
        }
    }

    /// <summary>One pass; returns when the next one is due.</summary>
    private async Task<DateTimeOffset> TickAsync(CancellationToken ct)
    {
        var version = windows.Version;
        windows.ReplaceStored(await store.ListAsync(ct), version);
        var now = clock.GetUtcNow();
        if (!leases.Holds(LeaseKind, LeaseKey))
        {
            // Another node of the cluster runs the transitions; a change of lease wakes this loop. Nobody holding it
            // (it lapsed and is being taken again): look again in a second.
            _held = false;
            windows.Health.PassSucceeded(now);
            return now + (leases.HeldElsewhere(LeaseKind, LeaseKey) ? MaxSleep : TimeSpan.FromSeconds(1));
        }
        if (!_held)
        {
            // Taking over (or starting): what the previous holder recorded and re-raised is in the database.
            _recorded.Clear();
            await outlived.LoadAsync(now, ct);
            _held = true;
        }
        var options = config.Current.Maintenance;
        var due = now + MaxSleep;
        var all = windows.All;
        foreach (var w in all)
        {
            if (w.Error is { } invalid)
            {
                windows.Health.ItemInvalid(w.Id, Describe(w.Id), invalid);
                continue;
            }
            if (windows.Health.ShouldSkip(w.Id, now))
            {
                continue;
            }
            try
            {
                due = Min(due, await StepAsync(w, options, now, ct));
                windows.Health.ItemSucceeded(w.Id, Describe(w.Id));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                windows.Health.ItemFailed(w.Id, Describe(w.Id), e, now);
            }
        }
        var open = await events.ListOpenAsync(ct);
        var ids = all.Select(w => w.Id).Concat(open.Select(o => WindowSet.EndKey(o.WindowId))).ToHashSet(StringComparer.Ordinal);
        windows.Health.Retain(ids.Contains);
        // Ending is tracked apart from the window's other steps: a window that cannot be evaluated any more still has
        // its open occurrence closed (it mutes nothing now, so what it muted is raised again).
        foreach (var (id, start) in open)
        {
            if (windows.Health.ShouldSkip(WindowSet.EndKey(id), now))
            {
                continue;
            }
            try
            {
                // Missing here may mean a re-read that predates it (a window made through another node): only a
                // window the table no longer has ends now.
                var w = windows.Get(id) ?? (await store.ListAsync(ct)).FirstOrDefault(x => x.Id == id);
                var end = w is null ? now : WindowRules.OccurrenceStartingAt(w, start)?.End ?? now;
                if (end <= now)
                {
                    await EndAsync(w, id, new Occurrence(start, end), now, ct);
                }
                windows.Health.ItemSucceeded(WindowSet.EndKey(id), $"the end of window {id}");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                windows.Health.ItemFailed(WindowSet.EndKey(id), $"the end of window {id}", e, now);
            }
        }
        await outlived.MirrorAsync(now, ct);
        if (now - _lastRetention >= RetentionPeriod)
        {
            _lastRetention = now;
            _recorded.Clear();
            var removed = await store.DeleteEndedBeforeAsync(now - options.Retention, ct);
            if (removed > 0)
            {
                LogRetention(removed);
            }
        }
        if (!outlived.IsEmpty)
        {
            due = Min(due, now + MirrorPeriod);
        }
        windows.Health.PassSucceeded(now);
        return due;
    }

    /// <summary>One window's step at <paramref name="now"/>: its start recorded, its warning sent when due; returns when it next needs a look.</summary>
    private async Task<DateTimeOffset> StepAsync(MaintenanceWindow w, MaintenanceOptions options, DateTimeOffset now, CancellationToken ct)
    {
        if (WindowRules.OccurrenceAt(w, now) is { } open)
        {
            await RecordOnceAsync(w.Id, open, WindowEventKinds.Started, now, ct);
            var warnAt = open.End - options.WarnBeforeEnd;
            if (now >= warnAt)
            {
                await WarnIfNeededAsync(w, open, now, ct);
                return open.End;
            }
            return Min(warnAt, open.End);
        }
        return WindowRules.NextOccurrence(w, now)?.Start ?? DateTimeOffset.MaxValue;
    }

    private static string Describe(string windowId) => $"window {windowId}";

    private async Task RecordOnceAsync(string windowId, Occurrence occurrence, string kind, DateTimeOffset now, CancellationToken ct)
    {
        if (_recorded.Add((windowId, occurrence.Start, kind)))
        {
            var detail = new JsonObject { ["start"] = occurrence.Start, ["end"] = occurrence.End }.ToJsonString();
            if (await events.TryAddAsync(windowId, occurrence.Start, kind, now, detail, ct))
            {
                LogStarted(windowId, occurrence.End);
            }
        }
    }

    private async Task WarnIfNeededAsync(MaintenanceWindow w, Occurrence open, DateTimeOffset now, CancellationToken ct)
    {
        if (_recorded.Contains((w.Id, open.Start, WindowEventKinds.Warning)))
        {
            return;
        }
        var firing = alerts.All.Count(a => a.IsFiringAt(now) && WindowRules.InScope(w, a.Labels));
        if (WindowRules.IsDone(w, open) && firing == 0)
        {
            return; // checked again at every tick until the end: an alert may still start firing
        }
        var current = config.Current;
        var receiver = current.Maintenance.Receiver is { } name ? current.FindReceiver(name) : null;
        var alert = EndingWarning.Alert(w, open, firing, now);
        var messages = receiver is null ? [] : EndingWarning.Messages(receiver, w, open, alert, externalUrl.Value, now);
        var detail = new JsonObject
        {
            ["end"] = open.End,
            ["done"] = WindowRules.IsDone(w, open),
            ["stillFiring"] = firing,
            ["receiver"] = receiver?.Name,
            ["summary"] = alert.Annotations.Get("summary"),
        }.ToJsonString();
        var sent = await db.WriteAsync(async (conn, tx) =>
        {
            if (!await events.TryAddAsync(conn, tx, w.Id, open.Start, WindowEventKinds.Warning, now, detail, ct))
            {
                return false;
            }
            foreach (var m in messages)
            {
                await outbox.EnqueueAsync(conn, tx, m, ct);
            }
            return true;
        }, ct);
        _recorded.Add((w.Id, open.Start, WindowEventKinds.Warning));
        if (sent)
        {
            delivery.Notify();
            LogWarned(w.Id, open.End, firing, receiver?.Name ?? "(none)");
        }
    }

    private async Task EndAsync(MaintenanceWindow? w, string id, Occurrence occurrence, DateTimeOffset now, CancellationToken ct)
    {
        var stillFiring = w is null ? [] : Overrun.StillFiring(w, occurrence, alerts.All, now);
        var copies = stillFiring.Select(a => Overrun.Derive(a, w!, occurrence.End)).ToList();
        // Re-raise first, record after: a crash in between re-raises again on the next start, which merges
        // into the same alerts; the other order could record an end whose alerts were never raised.
        if (copies.Count > 0)
        {
            await poster.PostAsync(copies, ct);
            await flushes.RequestAsync([.. stillFiring.Select(a => a.Fingerprint), .. copies.Select(c => c.Fingerprint)], ct);
            for (var i = 0; i < copies.Count; i++)
            {
                outlived.Track(stillFiring[i].Fingerprint, copies[i].Fingerprint);
            }
        }
        var early = w?.EndedAt is { } endedAt && endedAt == occurrence.End;
        var endDetail = new JsonObject { ["end"] = occurrence.End, ["early"] = early, ["stillFiring"] = copies.Count }.ToJsonString();
        var overrunDetail = new JsonObject
        {
            ["end"] = occurrence.End,
            ["alerts"] = new JsonArray([.. stillFiring.Select((a, i) => (JsonNode)new JsonObject
            {
                ["original"] = a.Fingerprint.ToString(),
                ["derived"] = copies[i].Fingerprint.ToString(),
                ["labels"] = new JsonObject([.. a.Labels.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
            })]),
        }.ToJsonString();
        await db.WriteAsync(async (conn, tx) =>
        {
            if (await events.TryAddAsync(conn, tx, id, occurrence.Start, WindowEventKinds.Ended, now, endDetail, ct) && copies.Count > 0)
            {
                await events.TryAddAsync(conn, tx, id, occurrence.Start, WindowEventKinds.Overrun, now, overrunDetail, ct);
            }
        }, ct);
        LogEnded(id, occurrence.End, copies.Count);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance window {WindowId} started; ends at {End}")]
    private partial void LogStarted(string windowId, DateTimeOffset end);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maintenance window {WindowId} ends at {End} with {Firing} muted alert(s) firing or the work not done; warned {Receiver}")]
    private partial void LogWarned(string windowId, DateTimeOffset end, int firing, string receiver);

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance window {WindowId} ended at {End}; {Count} alert(s) it muted still fire and were raised again as critical")]
    private partial void LogEnded(string windowId, DateTimeOffset end, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} maintenance window(s) past retention")]
    private partial void LogRetention(int count);
}
