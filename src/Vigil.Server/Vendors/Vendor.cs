namespace Vigil.Server.Vendors;

/// <summary>
/// A vendor from <c>vendors:</c>: where its tickets are sent (<see cref="Channel"/> <c>email</c> or <c>webhook</c>, at
/// <see cref="Address"/>) and what it promised: an acknowledgement within <see cref="ResponseWithin"/> and someone engaged
/// (on site, or working the case) within <see cref="OnSiteWithin"/> of the ticket's opening. A promise left out has no deadline.
/// </summary>
public sealed record Vendor(string Name, string Channel, string Address, TimeSpan? ResponseWithin, TimeSpan? OnSiteWithin)
{
    public const string Email = "email";
    public const string Webhook = "webhook";
}
