namespace Vigil.Server.Vendors;

/// <summary>Which promise a deadline is about: <c>response</c> (acknowledged in time) or <c>on_site</c> (engaged in time).</summary>
public enum TicketDeadline
{
    Response,
    OnSite,
}
