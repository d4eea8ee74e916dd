using Vigil.Server.Alerts;

namespace Vigil.Server.Hosts;

/// <summary>What one report changes: the host's new record, the alerts to raise or resolve, and a reboot opened or verified.</summary>
public sealed record ReportOutcome(HostRecord Host, IReadOnlyList<Alert> Alerts, HostReboot? Reboot, bool RebootIsNew);
