namespace Vigil.Server.Pools;

/// <summary>What the agent's reports say of a host.</summary>
public enum HostAgentState
{
    /// <summary>No agent has reported under this host name.</summary>
    NoReport,

    /// <summary>Reported once, but not within <c>hosts.down_after</c> report intervals.</summary>
    Silent,

    /// <summary>Reporting, with at least one check failing.</summary>
    Failing,

    /// <summary>Reporting, every check passing.</summary>
    Passing,
}
