using Vigil.Server.Incidents.ActionItems;

namespace Vigil.Server.Incidents.Postmortems;

/// <summary>Customer impact over an incident, as measured: the peak share of customer-facing checks failing and the area under it.</summary>
public sealed record ImpactFigures(double PeakShare, double CustomerMinutes);

/// <summary>A section a person rewrote: kept across regenerations until dropped.</summary>
public sealed record SectionEdit(string Section, string Text, string EditedBy, DateTimeOffset EditedAt);

/// <summary>Everything a postmortem is written from: the incident as recorded, its action items, what people rewrote, and the measures other parts of Vigil add.</summary>
public sealed record PostmortemFacts(
    IncidentDetail Detail,
    IReadOnlyList<ActionItem> ActionItems,
    IReadOnlyDictionary<string, SectionEdit> Edits,
    ImpactFigures? Impact,
    IReadOnlyList<string> VendorLines);
