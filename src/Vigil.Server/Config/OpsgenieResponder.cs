namespace Vigil.Server.Config;

/// <summary><c>opsgenie_configs[].responders[]</c>: every field is a template; type <c>teams</c> expands a comma-separated name list.</summary>
public sealed record OpsgenieResponder(string Id, string Name, string Username, string Type);
