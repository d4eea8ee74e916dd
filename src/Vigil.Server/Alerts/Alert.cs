using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>
/// An alert as Vigil keeps it: identified by its label set, active from <see cref="StartsAt"/> until
/// <see cref="EndsAt"/>. <see cref="Timeout"/> is true when the sender gave no end and Vigil set one
/// (now + resolve_timeout), so a later explicit end always wins (Alertmanager's rule).
/// </summary>
public sealed record Alert(
    LabelSet Labels,
    AnnotationSet Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string GeneratorUrl,
    DateTimeOffset UpdatedAt,
    bool Timeout)
{
    public Fingerprint Fingerprint => Labels.Fingerprint;

    public bool IsResolvedAt(DateTimeOffset now) => EndsAt <= now;

    public bool IsFiringAt(DateTimeOffset now) => !IsResolvedAt(now);
}
