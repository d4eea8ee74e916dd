using Vigil.Server.Escalation;

namespace Vigil.Server.Web.Escalation;

/// <summary>What the Pages view shows: pages in one state (or all open ones), with who was notified on which
/// channel, optionally only those that notified one person ("assigned to me").</summary>
internal sealed class PageBoard(PageStore store)
{
    public const int Limit = 200;

    public async Task<IReadOnlyList<PageRow>> ListAsync(string tab, string? person, CancellationToken ct)
    {
        var pages = tab switch
        {
            "triggered" => await store.ListAsync(PageState.Triggered, Limit, ct),
            "acknowledged" => await store.ListAsync(PageState.Acknowledged, Limit, ct),
            "resolved" => await store.ListAsync(PageState.Resolved, Limit, ct),
            _ => await store.ListOpenAsync(Limit, ct),
        };
        var notified = (await store.NotificationsAsync([.. pages.Select(p => p.Id)], ct)).ToLookup(e => e.PageId);
        var rows = pages.Select(p => new PageRow(p, [.. notified[p.Id]]));
        return person is null ? [.. rows] : [.. rows.Where(r => r.Notified.Any(e => string.Equals(e.Actor, person, StringComparison.Ordinal)))];
    }

    public static bool IsTab(string? tab) => tab is null or "open" or "triggered" or "acknowledged" or "resolved";
}

/// <summary>A page and its "notified" events.</summary>
internal sealed record PageRow(Page Page, IReadOnlyList<PageEvent> Notified);
