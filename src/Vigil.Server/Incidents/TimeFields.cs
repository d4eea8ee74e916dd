namespace Vigil.Server.Incidents;

/// <summary>The API spelling of <see cref="TimeField"/> (<c>impactStartedAt</c>, …).</summary>
public static class TimeFields
{
    public const string Choices = "impactStartedAt, impactEndedAt, detectedAt, firstPageAt, acknowledgedAt, mitigatedAt or resolvedAt";

    public static string Name(this TimeField field) => field switch
    {
        TimeField.ImpactStarted => "impactStartedAt",
        TimeField.Detected => "detectedAt",
        TimeField.FirstPage => "firstPageAt",
        TimeField.Acknowledged => "acknowledgedAt",
        TimeField.Mitigated => "mitigatedAt",
        TimeField.ImpactEnded => "impactEndedAt",
        _ => "resolvedAt",
    };

    public static bool TryParse(string? text, out TimeField field)
    {
        foreach (var f in Enum.GetValues<TimeField>())
        {
            if (string.Equals(text, f.Name(), StringComparison.Ordinal))
            {
                field = f;
                return true;
            }
        }
        field = default;
        return false;
    }
}
