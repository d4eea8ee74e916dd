namespace Vigil.Server.Incidents.Postmortems;

/// <summary>One section of a generated postmortem: its name, heading, lines (Markdown-ready text) and whether a person wrote it.</summary>
public sealed record PostmortemSection(string Name, string Heading, IReadOnlyList<string> Lines, SectionEdit? EditedBy);

/// <summary>A postmortem: title, whether it is preliminary (the incident is still open), the zone its times are in, and its sections.</summary>
public sealed record Postmortem(string Title, bool Preliminary, string Zone, IReadOnlyList<PostmortemSection> Sections);
