using System.Globalization;

namespace Vigil.Agent.Boot;

/// <summary>Which boot the host is in (<c>/proc/sys/kernel/random/boot_id</c>) and for how long (<c>/proc/uptime</c>).</summary>
internal sealed record BootIdentity(string BootId, double UptimeSeconds)
{
    public static BootIdentity Read(HostFiles files)
    {
        var bootId = files.ReadText("/proc/sys/kernel/random/boot_id")?.Trim();
        var uptime = ParseUptime(files.ReadText("/proc/uptime") ?? "");
        return new BootIdentity(bootId is { Length: > 0 } ? bootId : "unknown", uptime);
    }

    /// <summary><c>/proc/uptime</c>: "seconds-up idle-seconds".</summary>
    public static double ParseUptime(string text) =>
        double.TryParse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0;
}
