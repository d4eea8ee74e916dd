namespace Vigil.Contracts.Agents;

/// <summary>
/// What a host agent posts to <c>POST /api/v1/agents/report</c> every interval: who it is, which boot it
/// is in, and the result of every check its own configuration names. The server times the report on
/// arrival; the agent's clock is never trusted.
/// </summary>
/// <param name="Host">The host name the agent's token is bound to.</param>
/// <param name="BootId">The kernel's boot id (<c>/proc/sys/kernel/random/boot_id</c>); a new one means a reboot.</param>
/// <param name="UptimeSeconds">Seconds since boot (<c>/proc/uptime</c>).</param>
/// <param name="IntervalSeconds">How often the agent reports, so the server knows when it is late.</param>
/// <param name="Checks">Every check's result; a check missing from a report counts as passing.</param>
/// <param name="AgentVersion">The agent's version, for display.</param>
public sealed record AgentReport(
    string Host,
    string BootId,
    double UptimeSeconds,
    double IntervalSeconds,
    IReadOnlyList<CheckResult> Checks,
    string? AgentVersion = null);
