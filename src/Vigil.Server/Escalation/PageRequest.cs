namespace Vigil.Server.Escalation;

/// <summary>What opens a page: its key (policy + group key), where it came from, and what it says. <see cref="KeyGroup"/>
/// is the PagerDuty key group its alerts came in through (the only one whose acknowledge events act on it), if any.</summary>
public sealed record PageRequest(string PageKey, string GroupKey, string Receiver, string Policy, string Team, string? DedupKey, string Title, string Details,
    string? KeyGroup = null);
