namespace Vigil.Server.Vendors;

/// <summary>A vendor ticket's states, in the only order it moves: <c>opened → acknowledged → engaged → resolved</c>.</summary>
public enum TicketState
{
    Opened,
    Acknowledged,
    Engaged,
    Resolved,
}
