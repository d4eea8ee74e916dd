namespace Vigil.Server.Vendors;

/// <summary>
/// A ticket opened with a vendor for an incident. The vendor's promises are copied from the configuration when it opens
/// (a later change of <c>vendors:</c> never moves an old ticket's deadlines). Each state is kept with when and by whom it
/// was reached; reaching a later state also fills the earlier ones not reached (an engineer who arrives unannounced has
/// also responded). <see cref="ResponseMissedAt"/>/<see cref="OnSiteMissedAt"/> record when a missed deadline was noticed.
/// </summary>
public sealed record VendorTicket(
    long Id,
    long IncidentId,
    string Vendor,
    string Summary,
    TicketState State,
    TimeSpan? ResponseWithin,
    TimeSpan? OnSiteWithin,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    DateTimeOffset? EngagedAt = null,
    string? EngagedBy = null,
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedBy = null,
    DateTimeOffset? ResponseMissedAt = null,
    DateTimeOffset? OnSiteMissedAt = null)
{
    /// <summary>When the vendor had to acknowledge by; null without a response promise.</summary>
    public DateTimeOffset? ResponseDue => ResponseWithin is { } d ? OpenedAt + d : null;

    /// <summary>When the vendor had to be engaged by; null without an on-site promise.</summary>
    public DateTimeOffset? OnSiteDue => OnSiteWithin is { } d ? OpenedAt + d : null;
}
