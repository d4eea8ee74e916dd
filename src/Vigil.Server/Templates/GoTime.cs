using System.Text;

namespace Vigil.Server.Templates;

/// <summary>
/// A Go time.Time as templates see it: an instant, the offset of its location and the zone abbreviation
/// (<c>UTC</c>, <c>CET</c>; empty for a bare offset, which Go prints as <c>+0200</c>).
/// </summary>
internal sealed record GoTime(DateTimeOffset Instant, string Zone) : ITemplateObject, IGoPrintable
{
    /// <summary>Nanoseconds below the 100 ns resolution of <see cref="DateTimeOffset"/> (0–99), kept from RFC 3339 input.</summary>
    public int SubTickNanos { get; init; }

    public static GoTime Utc(DateTimeOffset instant) => new(instant.ToUniversalTime(), "UTC");

    public string GoTypeName => "time.Time";

    /// <summary>Go's Time.String(): <c>2006-01-02 15:04:05.999999999 -0700 MST</c>.</summary>
    public override string ToString() => GoTimeLayout.Format(this, "2006-01-02 15:04:05.999999999 -0700 MST");

    public void AppendV(StringBuilder sb) => sb.Append(ToString());

    public TemplateMember Member(string name) => name switch
    {
        "Format" => TemplateMember.Call(TemplateFunction.Of("Format", [GoType.String], a => GoTimeLayout.Format(this, (string)a[0]!))),
        "String" => TemplateMember.Call(TemplateFunction.Of("String", [], _ => ToString())),
        "Unix" => TemplateMember.Call(TemplateFunction.Of("Unix", [], _ => Instant.ToUnixTimeSeconds())),
        "UnixMilli" => TemplateMember.Call(TemplateFunction.Of("UnixMilli", [], _ => Instant.ToUnixTimeMilliseconds())),
        "UTC" => TemplateMember.Call(TemplateFunction.Of("UTC", [], _ => Utc(Instant))),
        "IsZero" => TemplateMember.Call(TemplateFunction.Of("IsZero", [], _ => Instant.UtcDateTime == new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc))),
        "Year" => TemplateMember.Call(TemplateFunction.Of("Year", [], _ => (long)Instant.Year)),
        "Day" => TemplateMember.Call(TemplateFunction.Of("Day", [], _ => (long)Instant.Day)),
        "Hour" => TemplateMember.Call(TemplateFunction.Of("Hour", [], _ => (long)Instant.Hour)),
        "Minute" => TemplateMember.Call(TemplateFunction.Of("Minute", [], _ => (long)Instant.Minute)),
        "Second" => TemplateMember.Call(TemplateFunction.Of("Second", [], _ => (long)Instant.Second)),
        "Sub" => TemplateMember.Call(TemplateFunction.Of("Sub", [GoType.Time], a => new GoDuration((Instant - ((GoTime)a[0]!).Instant).Ticks * 100))),
        _ => TemplateMember.None,
    };
}
