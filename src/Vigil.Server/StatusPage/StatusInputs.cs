using Vigil.Server.Alerts;
using Vigil.Server.Incidents;
using Vigil.Server.Maintenance;
using Vigil.Server.Probes;

namespace Vigil.Server.StatusPage;

/// <summary>Everything the status page is computed from, read at one moment: the configuration's page and probes, the
/// alerts in memory, the maintenance windows, and the public incidents with their public updates.</summary>
public sealed record StatusInputs(
    StatusPageOptions Options,
    string PageUrl,
    IReadOnlyList<ProbeDefinition> Probes,
    IEnumerable<Alert> Alerts,
    IReadOnlyList<MaintenanceWindow> Windows,
    IReadOnlyList<(Incident Incident, IReadOnlyList<PublicUpdate> Updates)> Incidents,
    DateTimeOffset Now);
