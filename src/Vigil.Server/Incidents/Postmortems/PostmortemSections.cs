namespace Vigil.Server.Incidents.Postmortems;

/// <summary>The seed's sections, in its order, with the names an edit uses (<c>PUT …/postmortem/sections/root_cause</c>).</summary>
public static class PostmortemSections
{
    public const string Summary = "summary";
    public const string Timeline = "timeline";
    public const string RootCause = "root_cause";
    public const string Resolution = "resolution";
    public const string Measures = "measures";

    /// <summary>Section name → heading. The timeline is the record itself and is never edited; the others may be.</summary>
    public static readonly IReadOnlyList<(string Name, string Heading)> All =
    [
        (Summary, "Issue Summary"),
        (Timeline, "Timeline"),
        (RootCause, "Root Cause"),
        (Resolution, "Resolution and Recovery"),
        (Measures, "Corrective and Preventative Measures"),
    ];

    public static bool IsEditable(string name) => name is Summary or RootCause or Resolution or Measures;

    public const string EditableChoices = "summary, root_cause, resolution or measures";
}
