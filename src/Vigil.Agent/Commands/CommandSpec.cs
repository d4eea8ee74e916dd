namespace Vigil.Agent.Commands;

/// <summary>A check command from the agent's own config: exit code 0 within <see cref="Timeout"/> passes. The server can never send one.</summary>
internal sealed record CommandSpec(string Name, IReadOnlyList<string> Argv, TimeSpan Timeout);
