namespace Vigil.Server.StatusPage;

/// <summary>The <c>status_page:</c> section.</summary>
public sealed record StatusPageOptions
{
    /// <summary>The page's name (<c>page.name</c>). Default "Status".</summary>
    public string Name { get; init; } = "Status";

    /// <summary>The page's public URL (<c>page.url</c>). Default: <c>server.external_url</c> (or the listen address) + <c>/status</c>.</summary>
    public string? Url { get; init; }

    /// <summary>The IANA zone the HTML page shows times in (<c>page.time_zone</c>). Default <c>Etc/UTC</c>.</summary>
    public string TimeZone { get; init; } = "Etc/UTC";

    /// <summary>The components, in the order shown. None by default (the page then shows incidents and maintenance only).</summary>
    public IReadOnlyList<StatusComponent> Components { get; init; } = [];
}
