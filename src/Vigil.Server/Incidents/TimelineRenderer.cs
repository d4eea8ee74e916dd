using System.Globalization;
using NodaTime;

namespace Vigil.Server.Incidents;

/// <summary>
/// A timeline as text in a person's zone: a heading naming the zone, a date line whenever the local date changes, and
/// one <c>- 12:26 AM: text</c> line per entry (the actor named when a person acted). Local times come from the zone's
/// rules at each instant, so a line after a DST change shows the new offset. Pure.
/// </summary>
public static class TimelineRenderer
{
    public const string System = "vigil";

    public static IReadOnlyList<string> Lines(IReadOnlyList<IncidentEntry> entries, DateTimeZone zone)
    {
        var lines = new List<string> { $"Timeline (all times in {ZoneName(zone, entries)})" };
        LocalDate? day = null;
        foreach (var e in entries)
        {
            var local = Instant.FromDateTimeOffset(e.At).InZone(zone);
            if (local.Date != day)
            {
                day = local.Date;
                lines.Add(local.Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture) + ":");
            }
            lines.Add($"- {Clock(local)}: {e.Text}" + (e.Actor is System or "" ? "" : $" ({e.Actor})"));
        }
        return lines;
    }

    /// <summary><c>10:30 PM</c>, <c>12:26 AM</c>: the seed's spelling.</summary>
    public static string Clock(ZonedDateTime local) => local.LocalDateTime.ToString("h:mm tt", CultureInfo.InvariantCulture);

    /// <summary>The zone's id and the abbreviations it used across the entries (<c>America/Los_Angeles, PST/PDT</c>).</summary>
    public static string ZoneName(DateTimeZone zone, IReadOnlyList<IncidentEntry> entries)
    {
        var names = entries.Select(e => zone.GetZoneInterval(Instant.FromDateTimeOffset(e.At)).Name).Distinct().ToList();
        return names.Count == 0 ? zone.Id : $"{zone.Id}, {string.Join('/', names)}";
    }
}
