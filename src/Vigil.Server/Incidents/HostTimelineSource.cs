using Vigil.Server.Hosts;

namespace Vigil.Server.Incidents;

/// <summary>
/// Reboots of the hosts the linked alerts name (their <c>host</c> label) around the incident: when the host went
/// silent, when it came back with a new boot id, and when its post-boot checks passed.
/// </summary>
internal sealed class HostTimelineSource(HostStore hosts) : ITimelineSource
{
    /// <summary>A reboot that began this long before the incident's span is still part of its story.</summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromHours(12);

    public string Name => "host";

    public async Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct)
    {
        var names = scope.OfKind(IncidentLink.Alert).Select(l => l.Labels.Get("host")).OfType<string>().Distinct(StringComparer.Ordinal);
        var entries = new List<IncidentEntry>();
        foreach (var host in names)
        {
            foreach (var r in await hosts.RebootsAsync(host, 50, ct).ConfigureAwait(false))
            {
                if (r.FirstReportAfter < scope.From - Lookback || r.LastReportBefore > scope.To)
                {
                    continue;
                }
                entries.AddRange(Entries(r));
            }
        }
        return entries;
    }

    public static IEnumerable<IncidentEntry> Entries(HostReboot r)
    {
        var link = "host/" + r.Host;
        yield return new IncidentEntry(r.LastReportBefore, "host", "reboot_started", TimelineRenderer.System, $"{r.Host} went silent for a reboot", link);
        yield return new IncidentEntry(r.FirstReportAfter, "host", "rebooted", TimelineRenderer.System,
            $"{r.Host} back after {Config.TimeLimits.FormatDuration(r.Duration)} (boot {r.BootId})", link);
        if (r.VerifiedAt is { } verified)
        {
            yield return new IncidentEntry(verified, "host", "verified", TimelineRenderer.System, $"{r.Host} post-boot checks passed", link);
        }
    }
}
