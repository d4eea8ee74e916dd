using System.Globalization;

namespace Vigil.Server.Config;

/// <summary>
/// The instants Vigil accepts from a request: 1000-01-01 to 9000-01-01 (UTC). The ends of what a clock value can hold
/// (years 1 and 9999) stay a thousand years away, so adding or subtracting any duration Vigil reads (at most
/// <see cref="PromDuration.Max"/>, about 292 years) or adds itself cannot overflow into an exception.
/// </summary>
public static class AcceptedInstants
{
    public static readonly DateTimeOffset Min = new(1000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Max = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool Contains(DateTimeOffset t) => t >= Min && t <= Max;

    public static bool Contains(NodaTime.Instant t) =>
        t >= NodaTime.Instant.FromDateTimeOffset(Min) && t <= NodaTime.Instant.FromDateTimeOffset(Max);

    /// <summary><c>startsAt: 9999-12-31T23:59:59Z is out of range (1000-01-01T00:00:00Z to 9000-01-01T00:00:00Z)</c>.</summary>
    public static string OutOfRange(string field, DateTimeOffset t) => OutOfRange(field, Format(t));

    /// <summary>The same for an instant NodaTime can hold but a <see cref="DateTimeOffset"/> cannot (year -1, say).</summary>
    public static string OutOfRange(string field, NodaTime.Instant t) =>
        OutOfRange(field, NodaTime.Text.InstantPattern.General.Format(t));

    private static string OutOfRange(string field, string shown) => $"{field}: {shown} is out of range ({Format(Min)} to {Format(Max)})";

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
