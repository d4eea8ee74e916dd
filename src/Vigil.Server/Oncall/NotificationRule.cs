namespace Vigil.Server.Oncall;

/// <summary>A personal rule: use contact method kind <see cref="Method"/> <see cref="After"/> a page reaches the person.</summary>
public sealed record NotificationRule(string Method, TimeSpan After);
