using Vigil.Server.Labels;

namespace Vigil.Server.StatusPage;

/// <summary>
/// A component of the status page (<c>status_page.components[]</c>): what customers see by name, bound to detection — the
/// customer probes named in <see cref="Probes"/> and alerts matching any of <see cref="Matchers"/> (each a list of matchers
/// that must all match) — so its status follows what Vigil detects.
/// </summary>
public sealed record StatusComponent(string Name, string Description, IReadOnlyList<string> Probes, IReadOnlyList<IReadOnlyList<Matcher>> Matchers, int Position)
{
    /// <summary>A stable id derived from the name (Statuspage ids are opaque strings).</summary>
    public string Id { get; } = StatusIds.Of("component", Name);
}
