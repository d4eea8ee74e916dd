namespace Vigil.Server.Web.Live;

/// <summary>What changed, as named to the browser: a page region marked <c>data-live="alerts pages"</c> is
/// re-fetched when one of its topics changes.</summary>
public enum UiTopic
{
    Alerts,
    Silences,
    Windows,
    Pages,
    Incidents,
    Plans,
    Hosts,
    Probes,
    Oncall,
}
