namespace Vigil.Server.Incidents;

/// <summary>One of an incident's times and where it came from: <c>derived</c> from the record, <c>corrected</c> by a
/// person, or <c>recorded</c> (resolving sets <c>resolvedAt</c>).</summary>
public sealed record IncidentTime(DateTimeOffset At, string Origin)
{
    public const string Derived = "derived";
    public const string Corrected = "corrected";
    public const string Recorded = "recorded";
}
