namespace Vigil.Server.Web.Alerts;

/// <summary>A page of the alert list: the groups on it, and the totals over every group that matched.</summary>
public sealed record AlertListView(IReadOnlyList<AlertGroupView> Groups, int GroupCount, int AlertCount, int Page, int PageCount, string? Error)
{
    public static AlertListView Failed(string error) => new([], 0, 0, 1, 1, error);
}
