using System.Globalization;

namespace Vigil.Bench;

/// <summary>A GET timed while an ingest runs, with the ingest rate just before and during the GET.</summary>
internal sealed record QueryUnderLoadResult(QueryResult Query, double IngestBefore, double IngestDuring)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Query}; ingest {IngestBefore:F0} alerts/s before the GET, {IngestDuring:F0} alerts/s during it");
}
