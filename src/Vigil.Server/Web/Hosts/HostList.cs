using Vigil.Server.Hosts;

namespace Vigil.Server.Web.Hosts;

/// <summary>
/// The Hosts page's list, from the hosts in memory in one pass (no query per host): every host's summary as the API
/// gives it, counted by state, filtered by state and a name fragment, and cut into pages of <see cref="PageSize"/>.
/// </summary>
internal sealed record HostList(IReadOnlyList<HostRow> Rows, IReadOnlyDictionary<string, int> Counts, int Matching, int Page, int Pages)
{
    public const int PageSize = 200;

    /// <summary>The states a host can be in, in the order the filter offers them.</summary>
    public static readonly IReadOnlyList<string> States = ["down", "failing", "verifying", "up", "error"];

    public static HostList Of(HostService hosts, DateTimeOffset now, string? state, string? name, int page)
    {
        var counts = States.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        var matching = new List<HostRow>();
        var fragment = name?.Trim() ?? "";
        foreach (var h in hosts.All)
        {
            var row = HostRow.Of(h, hosts, now);
            counts[row.State] = counts.GetValueOrDefault(row.State) + 1;
            if ((state is not { Length: > 0 } || row.State == state)
                && (fragment.Length == 0 || h.Host.Contains(fragment, StringComparison.OrdinalIgnoreCase)))
            {
                matching.Add(row);
            }
        }
        // Trouble first: down, then failing checks, then unverified reboots; by name within each.
        matching.Sort((a, b) => Rank(a.State) != Rank(b.State) ? Rank(a.State) - Rank(b.State) : string.CompareOrdinal(a.Host, b.Host));
        var pages = Math.Max(1, (matching.Count + PageSize - 1) / PageSize);
        var current = Math.Clamp(page, 1, pages);
        return new HostList([.. matching.Skip((current - 1) * PageSize).Take(PageSize)], counts, matching.Count, current, pages);
    }

    private static int Rank(string state) => state switch
    {
        "error" => 0,
        "down" => 1,
        "failing" => 2,
        "verifying" => 3,
        _ => 4,
    };
}
