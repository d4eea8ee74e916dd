namespace Vigil.Server.Incidents;

/// <summary>
/// Customer impact over an incident, from <see cref="From"/> (impact start, else opening) to <see cref="To"/> (resolution,
/// else now): the per-minute series, its <see cref="Peak"/> share, and <see cref="CustomerMinutes"/> (the area under the
/// series: 360 minutes at 100 % = 360) over <see cref="Checks"/> customer-facing checks.
/// </summary>
public sealed record ImpactReport(DateTimeOffset From, DateTimeOffset To, int Checks, IReadOnlyList<ImpactPoint> Series, double Peak, double CustomerMinutes)
{
    public static ImpactReport Empty(DateTimeOffset from, DateTimeOffset to) => new(from, to, 0, [], 0, 0);
}
