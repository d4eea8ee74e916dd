namespace Vigil.Agent.Config;

/// <summary>An invalid agent.yaml: the message names the file, line and key.</summary>
internal sealed class AgentConfigException(string message) : Exception(message);
