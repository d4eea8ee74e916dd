using Vigil.Server.Alerts;

namespace Vigil.Server.Hosts;

/// <summary>What the passing of time did to a silent host: its flags and the alerts newly due.</summary>
public sealed record SilenceOutcome(HostRecord Host, IReadOnlyList<Alert> Alerts);
