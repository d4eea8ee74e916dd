namespace Vigil.Agent;

/// <summary>The agent's version, as sent in each report.</summary>
internal static class AgentInfo
{
    public static string Version { get; } = typeof(AgentInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
