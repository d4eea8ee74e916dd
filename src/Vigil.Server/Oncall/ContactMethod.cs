namespace Vigil.Server.Oncall;

/// <summary>One way to reach a person: an email address, or a Slack-compatible or generic webhook URL.</summary>
public sealed record ContactMethod(ContactKind Kind, string Address);
