using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Oncall;

/// <summary>The alert <c>{alertname="OnCallCoverageGap", schedule="S"}</c> that warns about gaps in a schedule's coverage.</summary>
public static class GapWarning
{
    public const string AlertName = "OnCallCoverageGap";

    public static Alert Alert(Schedule schedule, IReadOnlyList<InstantRange> gaps, TimeSpan horizon, DateTimeOffset now)
    {
        var texts = gaps.Select(g => CoverageGaps.Describe(g, schedule.Zone)).ToList();
        var shown = string.Join("; ", texts.Take(10)) + (texts.Count > 10 ? $"; and {texts.Count - 10} more" : "");
        return new Alert(
            LabelSet.Of(("alertname", AlertName), ("schedule", schedule.Name)),
            AnnotationSet.From(LabelSet.From([
                new("summary", $"Schedule {schedule.Name} has nobody on call {texts.Count} time(s) in the next {Config.PromDuration.Format(horizon)}: {shown}"),
                new("first_gap_start", OnCallTime.Utc(gaps[0].From)),
                new("first_gap_end", OnCallTime.Utc(gaps[0].To)),
                new("gaps", shown),
            ], keepEmptyValues: false)),
            now,
            DateTimeOffset.MinValue,
            "",
            now,
            Timeout: false);
    }

    /// <summary>
    /// Sent once per set of gaps: the same gaps found again on a later check send nothing new. A side of a gap cut by the
    /// checked range (<paramref name="checkedFrom"/>, <paramref name="checkedTo"/>) counts as open, so a gap that is
    /// already running, or runs past the horizon, keeps its key while the range slides.
    /// </summary>
    public static string DedupKey(Schedule schedule, IReadOnlyList<InstantRange> gaps, NodaTime.Instant checkedFrom, NodaTime.Instant checkedTo)
    {
        var text = string.Join(",", gaps.Select(g =>
            (g.From <= checkedFrom ? "open" : g.From.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)) + "-" +
            (g.To >= checkedTo ? "open" : g.To.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return $"oncall-gap:{schedule.Name}:{Convert.ToHexStringLower(hash)[..16]}";
    }
}
