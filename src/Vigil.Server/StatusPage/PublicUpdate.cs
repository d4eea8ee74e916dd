namespace Vigil.Server.StatusPage;

/// <summary>
/// An update written for customers about an incident: what the status page and its feed show. Its <see cref="Status"/>
/// is Statuspage's incident status at that moment (<c>investigating</c>, <c>identified</c>, <c>monitoring</c>,
/// <c>resolved</c>); <see cref="Components"/> names the components it affects. An incident with at least one is public.
/// </summary>
public sealed record PublicUpdate(long Id, long IncidentId, DateTimeOffset At, string Actor, string Status, string Body, IReadOnlyList<string> Components);
