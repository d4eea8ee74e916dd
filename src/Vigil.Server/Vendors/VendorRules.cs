namespace Vigil.Server.Vendors;

/// <summary>
/// The pure rules of vendor tickets: which moves are allowed, what a move fills in, and which deadlines have passed
/// without the state they wait for. Functions of (ticket, now) only, so a fake clock tests them whole.
/// </summary>
public static class VendorRules
{
    /// <summary>Null when <paramref name="ticket"/> may move to <paramref name="to"/>, else why not (a conflict).</summary>
    public static string? CheckMove(VendorTicket ticket, TicketState to) =>
        to <= ticket.State
            ? $"ticket {ticket.Id} is already {Name(ticket.State)}" + (to < ticket.State ? $"; it cannot go back to {Name(to)}" : "")
            : null;

    /// <summary>The ticket moved to <paramref name="to"/> at <paramref name="now"/> by <paramref name="actor"/>; earlier states
    /// not reached yet are filled with the same time and actor.</summary>
    public static VendorTicket Move(VendorTicket ticket, TicketState to, string actor, DateTimeOffset now)
    {
        var t = ticket with { State = to };
        if (to >= TicketState.Acknowledged && t.AcknowledgedAt is null)
        {
            t = t with { AcknowledgedAt = now, AcknowledgedBy = actor };
        }
        if (to >= TicketState.Engaged && t.EngagedAt is null)
        {
            t = t with { EngagedAt = now, EngagedBy = actor };
        }
        if (to >= TicketState.Resolved && t.ResolvedAt is null)
        {
            t = t with { ResolvedAt = now, ResolvedBy = actor };
        }
        return t;
    }

    /// <summary>
    /// The deadlines of <paramref name="ticket"/> that have passed by <paramref name="now"/> without the state they wait for
    /// (not reached at all, or reached after the deadline) and that are not recorded as missed yet.
    /// </summary>
    public static IReadOnlyList<TicketDeadline> Missed(VendorTicket ticket, DateTimeOffset now)
    {
        var missed = new List<TicketDeadline>(2);
        if (ticket.ResponseMissedAt is null && ticket.ResponseDue is { } r && r <= now && !(ticket.AcknowledgedAt <= r))
        {
            missed.Add(TicketDeadline.Response);
        }
        if (ticket.OnSiteMissedAt is null && ticket.OnSiteDue is { } o && o <= now && !(ticket.EngagedAt <= o))
        {
            missed.Add(TicketDeadline.OnSite);
        }
        return missed;
    }

    /// <summary>The next instant a deadline of <paramref name="ticket"/> can be missed at; null when none is left to watch.</summary>
    public static DateTimeOffset? NextDeadline(VendorTicket ticket)
    {
        DateTimeOffset? next = null;
        if (ticket.ResponseMissedAt is null && ticket.AcknowledgedAt is null && ticket.ResponseDue is { } r)
        {
            next = r;
        }
        if (ticket.OnSiteMissedAt is null && ticket.EngagedAt is null && ticket.OnSiteDue is { } o && (next is null || o < next))
        {
            next = o;
        }
        return next;
    }

    /// <summary>How late a state was against its promise (positive: late), or null when there is no promise or no state yet.</summary>
    public static TimeSpan? Lateness(VendorTicket ticket, TicketDeadline deadline) => deadline == TicketDeadline.Response
        ? ticket.AcknowledgedAt - ticket.ResponseDue
        : ticket.EngagedAt - ticket.OnSiteDue;

    public static string Name(TicketState state) => state switch
    {
        TicketState.Opened => "opened",
        TicketState.Acknowledged => "acknowledged",
        TicketState.Engaged => "engaged",
        _ => "resolved",
    };

    public static bool TryParse(string? text, out TicketState state)
    {
        foreach (var s in Enum.GetValues<TicketState>())
        {
            if (Name(s) == text)
            {
                state = s;
                return true;
            }
        }
        state = default;
        return false;
    }

    public static string Name(TicketDeadline deadline) => deadline == TicketDeadline.Response ? "response" : "on_site";
}
