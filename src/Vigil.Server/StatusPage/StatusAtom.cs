using System.Globalization;
using System.Xml.Linq;

namespace Vigil.Server.StatusPage;

/// <summary>The Atom feed of public updates (<c>/status/history.atom</c>), newest first: one entry per update.</summary>
internal static class StatusAtom
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static string Render(StatusInputs inputs, IReadOnlyList<PublicUpdate> history, DateTimeOffset updatedAt)
    {
        var titles = inputs.Incidents.ToDictionary(x => x.Incident.Id, x => x.Incident.Title);
        var page = inputs.PageUrl;
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"tag:vigil,{StatusJson.PageId(inputs.Options)}:history"),
            new XElement(Atom + "title", $"{inputs.Options.Name} status history"),
            new XElement(Atom + "updated", Time(updatedAt)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", page)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", page.TrimEnd('/') + "/history.atom")),
            new XElement(Atom + "author", new XElement(Atom + "name", inputs.Options.Name)));
        foreach (var u in history.Where(u => titles.ContainsKey(u.IncidentId)))
        {
            var incidentId = StatusJson.IncidentId(u.IncidentId);
            feed.Add(new XElement(Atom + "entry",
                new XElement(Atom + "id", $"tag:vigil,{StatusJson.PageId(inputs.Options)}:update:{u.Id.ToString(CultureInfo.InvariantCulture)}"),
                new XElement(Atom + "title", $"{titles[u.IncidentId]}: {u.Status}"),
                new XElement(Atom + "updated", Time(u.At)),
                new XElement(Atom + "published", Time(u.At)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", $"{page}#incident-{incidentId}")),
                new XElement(Atom + "content", new XAttribute("type", "text"), u.Body)));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed.ToString(SaveOptions.DisableFormatting);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
