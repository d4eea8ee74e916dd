using System.Globalization;

namespace Vigil.Server.Tests.Receivers;

/// <summary>
/// Alert times for side-by-side tests. They must be recent: Alertmanager flushes a new group at once (not after
/// group_wait) when an alert's startsAt is older than group_wait, and may then send the first alert of a request alone.
/// </summary>
internal static class AlertTimes
{
    public static string Now() => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary><paramref name="json"/> with <c>@START@</c> as <paramref name="start"/> and <c>@END@</c> as now.</summary>
    public static string Stamp(string json, string start) => json.Replace("@START@", start, StringComparison.Ordinal).Replace("@END@", Now(), StringComparison.Ordinal);
}
