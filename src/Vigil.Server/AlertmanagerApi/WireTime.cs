using System.Globalization;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>go-openapi strfmt.DateTime's format: milliseconds, always three digits, UTC with Z.</summary>
internal static class WireTime
{
    public static string Format(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
