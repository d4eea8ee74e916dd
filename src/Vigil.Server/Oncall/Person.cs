namespace Vigil.Server.Oncall;

/// <summary>Someone who can be paged: name, email, IANA time zone, contact methods and personal notification rules.</summary>
public sealed record Person(string Name, string? Email, string TimeZone, IReadOnlyList<ContactMethod> Contacts, IReadOnlyList<NotificationRule> Rules);
