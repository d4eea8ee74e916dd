namespace Vigil.Contracts.Agents;

/// <summary>The server's answer to an agent's report: the host, whether the report showed a new boot, how many alerts it raised.</summary>
public sealed record AgentReportAccepted(string Host, bool Reboot, int Alerts);

/// <summary>The server's answer to an agent's report on an action request it accepted.</summary>
public sealed record ActionReportAccepted(string Id, bool Accepted);
