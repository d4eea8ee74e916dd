using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Incidents;
using Vigil.Server.Security;

namespace Vigil.Server.Vendors;

/// <summary>The JSON of vendors and tickets. A vendor's webhook URL is a credential: read tokens see it masked
/// (<see cref="SecretView"/>); an email address is shown as is.</summary>
internal static class VendorJson
{
    public static JsonObject Vendor(Vendor v, bool showSecrets) => new()
    {
        ["name"] = v.Name,
        ["channel"] = v.Channel,
        ["address"] = v.Channel == Vendors.Vendor.Webhook && !showSecrets ? SecretView.Url(v.Address) : v.Address,
        ["responseWithin"] = v.ResponseWithin is { } r ? PromDuration.Format(r) : null,
        ["onSiteWithin"] = v.OnSiteWithin is { } o ? PromDuration.Format(o) : null,
    };

    public static JsonObject Ticket(VendorTicket t) => new()
    {
        ["id"] = t.Id,
        ["incident"] = t.IncidentId,
        ["vendor"] = t.Vendor,
        ["summary"] = t.Summary,
        ["state"] = VendorRules.Name(t.State),
        ["openedAt"] = IncidentText.Quote(t.OpenedAt),
        ["openedBy"] = t.OpenedBy,
        ["acknowledgedAt"] = At(t.AcknowledgedAt),
        ["acknowledgedBy"] = t.AcknowledgedBy,
        ["engagedAt"] = At(t.EngagedAt),
        ["engagedBy"] = t.EngagedBy,
        ["resolvedAt"] = At(t.ResolvedAt),
        ["resolvedBy"] = t.ResolvedBy,
        ["responseWithin"] = t.ResponseWithin is { } r ? PromDuration.Format(r) : null,
        ["onSiteWithin"] = t.OnSiteWithin is { } o ? PromDuration.Format(o) : null,
        ["responseDue"] = At(t.ResponseDue),
        ["onSiteDue"] = At(t.OnSiteDue),
        ["responseMissed"] = t.ResponseMissedAt is not null || VendorRules.Lateness(t, TicketDeadline.Response) > TimeSpan.Zero,
        ["onSiteMissed"] = t.OnSiteMissedAt is not null || VendorRules.Lateness(t, TicketDeadline.OnSite) > TimeSpan.Zero,
    };

    private static string? At(DateTimeOffset? t) => t is { } v ? IncidentText.Quote(v) : null;
}
