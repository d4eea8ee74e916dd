using NodaTime;

namespace Vigil.Server.Incidents.ActionItems;

/// <summary>
/// A corrective or preventative measure an incident's review agreed on: what, who owns it, by when (a calendar date),
/// and whether it is done. The postmortem lists them under "Corrective and Preventative Measures".
/// </summary>
public sealed record ActionItem(
    long Id,
    long IncidentId,
    string Text,
    string Owner,
    LocalDate? Due,
    bool Done,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? DoneBy,
    DateTimeOffset? DoneAt)
{
    public string State => Done ? "done" : "open";
}
