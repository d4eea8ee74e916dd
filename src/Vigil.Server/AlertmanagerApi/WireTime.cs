using System.Globalization;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>go-openapi strfmt.DateTime's format: milliseconds, always three digits, UTC with Z.</summary>
internal static class WireTime
{
    public static string Format(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary><see cref="Format"/> into <paramref name="destination"/> (24 chars), allocating nothing.</summary>
    public static ReadOnlySpan<char> Format(DateTimeOffset t, Span<char> destination) =>
        t.UtcDateTime.TryFormat(destination, out var n, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            ? destination[..n]
            : Format(t);
}
