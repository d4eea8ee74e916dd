using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>An alert as now held, or (<see cref="Alert"/> null) the removal of the one with this fingerprint.</summary>
public readonly record struct AlertChange(Fingerprint Fingerprint, Alert? Alert);
