using System.Globalization;
using Vigil.Contracts.Agents;

namespace Vigil.Agent.Disk;

/// <summary>The disk check, computed as df does: used / (used + available to unprivileged users).</summary>
internal static class DiskRules
{
    public static CheckResult Check(DiskSpec spec, long totalBytes, long freeBytes, long availableBytes)
    {
        var subject = new Dictionary<string, string> { ["mountpoint"] = spec.Path };
        var used = totalBytes - freeBytes;
        if (used + availableBytes <= 0)
        {
            return new CheckResult(CheckKinds.Disk, subject, true, "empty filesystem");
        }
        var percent = 100.0 * used / (used + availableBytes);
        var text = percent.ToString("0.#", CultureInfo.InvariantCulture);
        return new CheckResult(CheckKinds.Disk, subject, percent <= spec.MaxUsedPercent,
            $"{text}% used (threshold {spec.MaxUsedPercent.ToString(CultureInfo.InvariantCulture)}%), {availableBytes / (1024 * 1024)} MiB available");
    }

    /// <summary>statvfs of the path (under the root when one is given); a path that cannot be read fails.</summary>
    public static CheckResult Measure(DiskSpec spec, HostFiles files)
    {
        try
        {
            var drive = new DriveInfo(files.PathOf(spec.Path));
            return Check(spec, drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new CheckResult(CheckKinds.Disk, new Dictionary<string, string> { ["mountpoint"] = spec.Path }, false, $"cannot stat {spec.Path}: {e.Message}");
        }
    }
}
