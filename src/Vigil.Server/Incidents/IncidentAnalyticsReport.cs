namespace Vigil.Server.Incidents;

/// <summary>
/// Response metrics over the incidents opened in [<see cref="From"/>, <see cref="To"/>): counts by severity, the mean
/// times (each over the incidents that have both of its times, <see cref="MeanTime.Incidents"/> of them), the
/// customer-minutes lost, and vendor deadlines missed.
/// </summary>
public sealed record IncidentAnalyticsReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Incidents,
    int Open,
    IReadOnlyDictionary<IncidentSeverity, int> BySeverity,
    MeanTime TimeToDetect,
    MeanTime TimeToAcknowledge,
    MeanTime TimeToMitigate,
    MeanTime TimeToResolve,
    double CustomerMinutes,
    int VendorDeadlinesMissed);
