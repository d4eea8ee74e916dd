using NodaTime;

namespace Vigil.Server.Incidents.Postmortems;

/// <summary>
/// What other parts of Vigil measured about an incident, for its postmortem: customer impact (from the impact series)
/// and each vendor's times against its promises. Registered by those parts; absent, the postmortem says nothing of them.
/// </summary>
public interface IPostmortemMeasures
{
    Task<ImpactFigures?> ImpactAsync(IncidentDetail detail, CancellationToken ct);

    /// <summary>One line per vendor ticket, times in <paramref name="zone"/>.</summary>
    Task<IReadOnlyList<string>> VendorLinesAsync(IncidentDetail detail, DateTimeZone zone, CancellationToken ct);
}
