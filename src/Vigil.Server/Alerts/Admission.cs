namespace Vigil.Server.Alerts;

/// <summary>
/// What <see cref="AlertAdmission.Admit"/> let in: <see cref="Admitted"/> in request order, <see cref="Refused"/> new
/// alerts turned away at the cap, and <see cref="Reserved"/> places held until the admitted alerts are applied
/// (give them back with <see cref="AlertAdmission.Release"/>).
/// </summary>
public readonly record struct Admission(IReadOnlyList<Alert> Admitted, int Reserved, int Refused);
