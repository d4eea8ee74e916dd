namespace Vigil.Server.Oncall;

/// <summary>A personal notification rule: use <paramref name="Method"/> <paramref name="After"/> a page reached the person, unless acknowledged.</summary>
public sealed record NotificationRule(ContactKind Method, TimeSpan After);
