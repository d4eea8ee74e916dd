namespace Vigil.Server.Escalation;

/// <summary>What opens a page: its key (policy + group key), where it came from, and what it says.</summary>
public sealed record PageRequest(string PageKey, string GroupKey, string Receiver, string Policy, string Team, string? DedupKey, string Title, string Details);
