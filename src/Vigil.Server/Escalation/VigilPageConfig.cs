namespace Vigil.Server.Escalation;

/// <summary><c>receivers[].vigil_configs[]</c>: a flushed firing group opens a page on <see cref="Policy"/>.</summary>
public sealed record VigilPageConfig(string Policy);
