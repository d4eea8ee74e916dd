using System.Text.RegularExpressions;

namespace Vigil.Server.Tests.Receivers;

/// <summary>
/// The receiver tests' alerts with recent times. Alertmanager flushes a new group at once, without its group_wait, when
/// the group's first alert started longer than group_wait ago, so alerts with old start times reach it one by one.
/// </summary>
internal static partial class RecentTimes
{
    /// <summary><paramref name="alertsJson"/> with every startsAt set to <paramref name="startedAt"/> and every endsAt to now.</summary>
    public static string Set(string alertsJson, DateTimeOffset startedAt)
    {
        var withStart = StartsAt().Replace(alertsJson, $"\"startsAt\":\"{startedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\"");
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return EndsAt().Replace(withStart, $"\"endsAt\":\"{now:yyyy-MM-ddTHH:mm:ss.fffZ}\"");
    }

    [GeneratedRegex("\"startsAt\":\"[^\"]*\"")]
    private static partial Regex StartsAt();

    [GeneratedRegex("\"endsAt\":\"[^\"]*\"")]
    private static partial Regex EndsAt();
}
