using Microsoft.Extensions.Primitives;

namespace Vigil.Server.Web.Alerts;

/// <summary>What the alert list was asked for, from the query string (so a URL shows the same list to a colleague).</summary>
public sealed record AlertListRequest(string Filter, string? Receiver, ShownStates Show, AssignedFilter Assigned, int Page)
{
    public static readonly IReadOnlyList<(ShownStates State, string Name, string Label)> States =
    [
        (ShownStates.Active, "active", "Active"),
        (ShownStates.Silenced, "silenced", "Silenced"),
        (ShownStates.Inhibited, "inhibited", "Inhibited"),
        (ShownStates.Muted, "muted", "Muted by a window"),
    ];

    /// <summary>
    /// <c>show</c> is absent (all states) or repeated; the form always sends an empty <c>show=</c> first so that
    /// unticking every box means "none" rather than "default". Unknown values and pages are ignored, never a 500.
    /// </summary>
    public static AlertListRequest From(string? filter, string? receiver, StringValues show, string? assigned, int? page)
    {
        var states = ShownStates.All;
        if (show.Count > 0)
        {
            states = ShownStates.None;
            foreach (var s in show)
            {
                states |= States.FirstOrDefault(x => x.Name == s).State;
            }
        }
        var mode = assigned switch
        {
            "me" => AssignedFilter.Me,
            "teams" => AssignedFilter.MyTeams,
            _ => AssignedFilter.Anyone,
        };
        return new AlertListRequest(filter?.Trim() ?? "", string.IsNullOrWhiteSpace(receiver) ? null : receiver.Trim(), states, mode,
            page is > 0 and < 1_000_000 ? page.Value : 1);
    }

    /// <summary>The query string for this list on another page (or with another filter), for links.</summary>
    public string Url(int? page = null, string? filter = null, string? receiver = null)
    {
        var parts = new List<string>();
        var f = filter ?? Filter;
        if (f.Length > 0)
        {
            parts.Add("filter=" + Uri.EscapeDataString(f));
        }
        if ((receiver ?? Receiver) is { } r)
        {
            parts.Add("receiver=" + Uri.EscapeDataString(r));
        }
        if (Show != ShownStates.All)
        {
            parts.Add("show=");
            parts.AddRange(States.Where(s => Show.HasFlag(s.State)).Select(s => "show=" + s.Name));
        }
        if (Assigned != AssignedFilter.Anyone)
        {
            parts.Add("assigned=" + (Assigned == AssignedFilter.Me ? "me" : "teams"));
        }
        if ((page ?? 1) > 1)
        {
            parts.Add("page=" + page);
        }
        return "/ui/alerts" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }
}
