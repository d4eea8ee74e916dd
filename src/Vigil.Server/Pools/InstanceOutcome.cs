namespace Vigil.Server.Pools;

/// <summary>One instance's answer to a command: null <see cref="Error"/> when it was applied.</summary>
public sealed record InstanceOutcome(HaproxyEndpoint Instance, RuntimeError? Error);
