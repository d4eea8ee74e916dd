using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>
/// <see cref="Person"/> is on call in <see cref="Schedule"/> from <see cref="From"/> to <see cref="To"/>, over
/// every layer. Overrides made later win over earlier ones.
/// </summary>
public sealed record ScheduleOverride(
    string Id,
    string Schedule,
    string Person,
    Instant From,
    Instant To,
    string Source,
    string CreatedBy,
    Instant CreatedAt,
    string Note)
{
    public const string FromConfig = "config";
    public const string FromApi = "api";
}
