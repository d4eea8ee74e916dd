namespace Vigil.Server.Oncall;

/// <summary>A person who can be on call (<c>people[]</c>).</summary>
/// <param name="Name">Unique name, used by teams, schedules, overrides and escalation levels.</param>
/// <param name="Email">Email address; also an email contact method unless one is listed.</param>
/// <param name="TimeZone">IANA zone the person lives in (default <c>UTC</c>).</param>
/// <param name="ContactMethods">How to reach the person, in the order given.</param>
/// <param name="NotificationRules">When to use which method after a page starts (default: every method at once).</param>
public sealed record Person(
    string Name,
    string Email,
    string TimeZone,
    IReadOnlyList<ContactMethod> ContactMethods,
    IReadOnlyList<NotificationRule> NotificationRules);
