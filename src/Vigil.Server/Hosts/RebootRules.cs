namespace Vigil.Server.Hosts;

/// <summary>
/// "Routine is measured": how long a host may be silent before its reboot is non-routine —
/// <c>reboot_factor</c> × the <c>reboot_percentile</c> of its last reboots' durations, never less than the time
/// it takes to be declared down; <c>min_reboot_allowance</c> for a host without history.
/// </summary>
public static class RebootRules
{
    public static TimeSpan Allowance(IReadOnlyList<TimeSpan> recentDurations, HostsOptions options, TimeSpan downAfter)
    {
        if (recentDurations.Count == 0)
        {
            return options.MinRebootAllowance > downAfter ? options.MinRebootAllowance : downAfter;
        }
        var learned = Percentile(recentDurations, options.RebootPercentile) * options.RebootFactor;
        return learned > downAfter ? learned : downAfter;
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least p% of the values at or below it.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>How long a host reporting every <paramref name="interval"/> may be silent before it is down.</summary>
    public static TimeSpan DownAfter(TimeSpan interval, HostsOptions options) => interval * options.DownAfter;
}
