namespace Vigil.Server.Web.Silences;

/// <summary>The Silences page's tabs (<c>?tab=</c>).</summary>
public enum SilenceTab
{
    Active,
    Approval,
    Pending,
    Expired,
}
