using System.Data.Common;
using Vigil.Server.Audit;
using Vigil.Server.Config;
using Vigil.Server.Notify;
using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Escalation;

/// <summary>
/// Opens, steps, acknowledges and resolves pages. Each change, its history entry, its audit record and the
/// notifications it sends are written in one transaction, so a crash leaves either all of them or none.
/// </summary>
public sealed class PageService(
    PageStore store,
    PageNotifier notifier,
    LinkSigner signer,
    OutboxStore outbox,
    AuditLog audit,
    ConfigHolder config,
    OutboxDeliveryService delivery,
    TimeProvider clock)
{
    /// <summary>Raised after a page opened or changed, so the engine looks at deadlines again.</summary>
    public event Action? Changed;

    /// <summary>Opens a page for <paramref name="request"/> unless one with its key is open. Returns the new page's id, or null.</summary>
    public async Task<long?> OpenAsync(PageRequest request, CancellationToken ct)
    {
        if (!config.Current.EscalationPolicies.TryGetValue(request.Policy, out var policy))
        {
            return null;
        }
        return await OpenAsync(request, policy, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a page walked by <paramref name="policy"/>, which need not be configured: a halted plan run without
    /// <c>plans.escalation_policy</c> pages its watcher through a one-level policy of that person. Such a page notifies
    /// its first level; later steps look the policy up by name and so stop there.
    /// </summary>
    public async Task<long?> OpenAsync(PageRequest request, EscalationPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var step = EscalationRules.Open(policy, now);
        var id = await store.Database.WriteAsync(async (conn, tx) =>
        {
            var draft = new Page(0, request.PageKey, request.GroupKey, request.Receiver, request.Policy, request.Team, request.DedupKey,
                request.Title, request.Details, step.State, step.Level, step.Round, step.Step, step.Rotation, step.NextStepAt, now, null, null, null, null);
            if (await store.TryOpenAsync(conn, tx, draft, request.KeyGroup, ct).ConfigureAwait(false) is not { } newId)
            {
                return (long?)null;
            }
            var page = draft with { Id = newId };
            await store.AppendEventAsync(conn, tx, new PageEvent(newId, now, "triggered", "vigil", $"{request.Title} (policy {request.Policy})"), ct).ConfigureAwait(false);
            await signer.RefreshAsync(conn, tx, ct).ConfigureAwait(false);
            await WriteAsync(conn, tx, notifier.ForLevel(page, policy, step, now), ct).ConfigureAwait(false);
            return newId;
        }, ct).ConfigureAwait(false);
        AfterWrite(id is not null);
        return id;
    }

    /// <summary>
    /// Works out, outside any transaction, the steps due on <paramref name="due"/> at <paramref name="now"/> and what each
    /// sends (people, contacts, messages with freshly signed links), so that <see cref="StepManyAsync"/> holds the writer
    /// only for its statements. Pages whose policy is gone or that have nothing due are left out.
    /// </summary>
    public async Task<StepDrafts> DraftStepsAsync(IReadOnlyList<Page> due, DateTimeOffset now, CancellationToken ct) =>
        Draft(due, now, await signer.CurrentAsync(ct).ConfigureAwait(false));

    private StepDrafts Draft(IEnumerable<Page> due, DateTimeOffset now, byte[] key)
    {
        var drafts = new List<StepDraft>();
        foreach (var page in due)
        {
            if (config.Current.EscalationPolicies.TryGetValue(page.Policy, out var policy) && EscalationRules.Due(page, policy, now) is { } step)
            {
                var moved = page with { State = step.State, Level = step.Level, Round = step.Round, Step = step.Step, Rotation = step.Rotation, NextStepAt = step.NextStepAt };
                var (messages, events) = notifier.ForLevel(moved, policy, step, now, key);
                events.Insert(0, new PageEvent(page.Id, now, step.Event, "vigil", step.NotifyLevel is { } l ? $"level {l + 1}, round {step.Round + 1}" : "no level left to page"));
                drafts.Add(new StepDraft(page, step, messages, events));
            }
        }
        return new StepDrafts(drafts, key, now);
    }

    /// <summary>
    /// Runs the drafted steps in the caller's transaction, each unless another node or an acknowledgement got there first
    /// (a conditional UPDATE per page), and writes the winners' history and notifications a few hundred rows per
    /// statement. When the link secret was rotated since the drafts were signed, the winners are drafted again with the
    /// secret this transaction sees. Returns the steps that ran, their pages as they were read.
    /// </summary>
    public async Task<List<StepDraft>> StepManyAsync(DbConnection conn, DbTransaction tx, StepDrafts drafts, CancellationToken ct)
    {
        var won = await store.TryStepManyAsync(conn, tx, drafts.Steps.ConvertAll(d => (d.Page, d.Step)), ct).ConfigureAwait(false);
        var winners = drafts.Steps.Where((_, i) => won[i]).ToList();
        if (winners.Count == 0)
        {
            return [];
        }
        await signer.RefreshAsync(conn, tx, ct).ConfigureAwait(false);
        if (!signer.Key.AsSpan().SequenceEqual(drafts.Key))
        {
            winners = Draft(winners.Select(d => d.Page), drafts.Now, signer.Key).Steps;
        }
        await store.AppendEventsAsync(conn, tx, [.. winners.SelectMany(d => d.Events)], ct).ConfigureAwait(false);
        await outbox.EnqueueManyAsync(conn, tx, [.. winners.SelectMany(d => d.Messages)], ct).ConfigureAwait(false);
        return winners;
    }

    /// <summary>Acknowledges page <paramref name="id"/> as <paramref name="caller"/>.</summary>
    public async Task<PageChange> AcknowledgeAsync(long id, Caller caller, CancellationToken ct, PageLink? link = null, string? via = null)
    {
        var now = clock.GetUtcNow();
        var (result, page) = await store.Database.WriteAsync(async (conn, tx) =>
        {
            if (await Prepare(conn, tx, id, link, now, ct).ConfigureAwait(false) is { } refused)
            {
                return (refused, (Page?)null);
            }
            var page = (await store.GetAsync(conn, tx, id, ct).ConfigureAwait(false))!;
            var policy = config.Current.EscalationPolicies.GetValueOrDefault(page.Policy);
            var next = policy is null ? null : EscalationRules.ReackDeadline(policy, now);
            if (!await store.TryAcknowledgeAsync(conn, tx, id, caller.Identity, now, next, ct).ConfigureAwait(false))
            {
                return (PageChange.Conflict(page.State), (Page?)page);
            }
            await store.AppendEventAsync(conn, tx, new PageEvent(id, now, "acknowledged", caller.Identity, via ?? (link is null ? "by API" : "by signed link")), ct).ConfigureAwait(false);
            await outbox.CancelLaterAsync(conn, tx, $"page:{id}", now, "cancelled: page acknowledged", ct).ConfigureAwait(false);
            await audit.AppendAsync(conn, tx, caller, "acknowledge", "page", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, ct).ConfigureAwait(false);
            return (PageChange.Done, (Page?)page);
        }, ct).ConfigureAwait(false);
        if (result.Ok && page!.AcknowledgedAt is null)
        {
            EscalationMetrics.AckSeconds.WithLabels(page.Policy, page.Team).Observe((now - page.CreatedAt).TotalSeconds);
        }
        AfterWrite(result.Ok);
        return result;
    }

    /// <summary>Resolves page <paramref name="id"/> as <paramref name="caller"/> and tells everyone who was paged.</summary>
    public async Task<PageChange> ResolveAsync(long id, Caller caller, CancellationToken ct, PageLink? link = null, string? via = null)
    {
        var now = clock.GetUtcNow();
        var result = await store.Database.WriteAsync(async (conn, tx) =>
        {
            if (await Prepare(conn, tx, id, link, now, ct).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }
            return await ResolveInAsync(conn, tx, id, caller, now, via ?? (link is null ? "by API" : "by signed link"), ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        AfterWrite(result.Ok);
        return result;
    }

    /// <summary>Resolves the open page keyed <paramref name="pageKey"/> (its alerts all resolved). False when none was open.</summary>
    public async Task<bool> ResolveByKeyAsync(string pageKey, CancellationToken ct)
    {
        if (await store.FindOpenAsync("page_key", pageKey, ct).ConfigureAwait(false) is not { } page)
        {
            return false;
        }
        var now = clock.GetUtcNow();
        var change = await store.Database.WriteAsync((conn, tx) => ResolveInAsync(conn, tx, page.Id, null, now, "every alert resolved", ct), ct).ConfigureAwait(false);
        AfterWrite(change.Ok);
        return change.Ok;
    }

    private async Task<PageChange> ResolveInAsync(DbConnection conn, DbTransaction tx, long id, Caller? caller, DateTimeOffset now, string how, CancellationToken ct)
    {
        var page = await store.GetAsync(conn, tx, id, ct).ConfigureAwait(false);
        var actor = caller?.Identity ?? "vigil";
        if (page is null || !await store.TryResolveAsync(conn, tx, id, actor, now, ct).ConfigureAwait(false))
        {
            return page is null ? PageChange.NotFound : PageChange.Conflict(page.State);
        }
        await store.AppendEventAsync(conn, tx, new PageEvent(id, now, "resolved", actor, how), ct).ConfigureAwait(false);
        await outbox.CancelLaterAsync(conn, tx, $"page:{id}", now, "cancelled: page resolved", ct).ConfigureAwait(false);
        var history = await store.EventsAsync(conn, tx, id, ct).ConfigureAwait(false);
        await signer.RefreshAsync(conn, tx, ct).ConfigureAwait(false);
        await WriteAsync(conn, tx, notifier.ForResolved(page with { State = PageState.Resolved }, history, now), ct).ConfigureAwait(false);
        if (caller is not null)
        {
            await audit.AppendAsync(conn, tx, caller, "resolve", "page", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, ct).ConfigureAwait(false);
        }
        return PageChange.Done;
    }

    /// <summary>Checks the page exists and, for a signed link, that it is unexpired, for this page, and not used before (using it up).</summary>
    private async Task<PageChange?> Prepare(DbConnection conn, DbTransaction tx, long id, PageLink? link, DateTimeOffset now, CancellationToken ct)
    {
        if (await store.GetAsync(conn, tx, id, ct).ConfigureAwait(false) is null)
        {
            return PageChange.NotFound;
        }
        if (link is null)
        {
            return null;
        }
        if (link.ExpiresAt <= now)
        {
            return PageChange.Gone("this link has expired");
        }
        return await store.TryUseLinkAsync(conn, tx, link.Nonce, id, now, ct).ConfigureAwait(false) ? null : PageChange.Gone("this link has been used already");
    }

    private async Task WriteAsync(DbConnection conn, DbTransaction tx, (List<OutboxMessage> Messages, List<PageEvent> Events) work, CancellationToken ct)
    {
        foreach (var e in work.Events)
        {
            await store.AppendEventAsync(conn, tx, e, ct).ConfigureAwait(false);
        }
        foreach (var m in work.Messages)
        {
            await outbox.EnqueueAsync(conn, tx, m, ct).ConfigureAwait(false);
        }
    }

    /// <summary>After steps committed: the delivery worker hears of their messages, the engine of the changed pages.</summary>
    internal void AfterSteps(List<StepDraft> stepped)
    {
        if (stepped.Count > 0)
        {
            delivery.NotifyFor(stepped.SelectMany(d => d.Messages));
            Changed?.Invoke();
        }
    }

    internal void AfterWrite(bool changed)
    {
        if (changed)
        {
            delivery.Notify();
            Changed?.Invoke();
        }
    }
}
