namespace Vigil.Server.Web.Alerts;

/// <summary>The alert list's "assigned to" filter (<c>?assigned=me|teams</c>).</summary>
public enum AssignedFilter
{
    Anyone,
    Me,
    MyTeams,
}
