using Vigil.Contracts.Agents;

namespace Vigil.Agent.Mounts;

/// <summary>
/// The mount check: every fstab entry that should be mounted must be, at its mount point, with its type.
/// This is the check that catches a <c>nofail</c> data volume that never came back: such a mount fails
/// neither the boot nor <c>systemctl --failed</c>; only fstab against the live mount table shows it.
/// </summary>
internal static class MountRules
{
    public const string SubjectLabel = "mountpoint";

    public static IReadOnlyList<CheckResult> Check(IReadOnlyList<FstabEntry> fstab, IReadOnlyList<MountInfoEntry> mounted, IReadOnlySet<string>? ignore = null)
    {
        var results = new List<CheckResult>();
        foreach (var entry in fstab)
        {
            if (!entry.ShouldBeMounted || (ignore?.Contains(entry.MountPoint) ?? false))
            {
                continue;
            }
            // The last mount at a path is the one visible there (an automount's real filesystem sits on its autofs).
            var top = mounted.LastOrDefault(m => m.MountPoint == entry.MountPoint);
            var (passed, message) = Judge(entry, top);
            var details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["device"] = entry.Spec,
                ["fstype"] = entry.FsType,
                ["options"] = string.Join(',', entry.Options),
            };
            if (entry.IsNofail)
            {
                details["nofail"] = "true";
            }
            results.Add(new CheckResult(CheckKinds.Mount, new Dictionary<string, string> { [SubjectLabel] = entry.MountPoint },
                passed, entry.IsNofail ? message + " (nofail)" : message, details));
        }
        return results;
    }

    private static (bool Passed, string Message) Judge(FstabEntry entry, MountInfoEntry? top)
    {
        if (top is null)
        {
            return (false, $"{entry.MountPoint} is not mounted (fstab line {entry.Line}: {entry.Spec} {entry.FsType})");
        }
        if (top.FsType == "autofs" && entry.FsType != "autofs")
        {
            return (false, $"{entry.MountPoint} is an automount not mounted yet (autofs placeholder; fstab says {entry.FsType})");
        }
        if (!entry.TypeIsLoose && !TypeMatches(entry.FsType, top.FsType))
        {
            return (false, $"{entry.MountPoint} is mounted as {top.FsType} from {top.Source}; fstab says {entry.FsType}");
        }
        return (true, $"{entry.MountPoint} mounted ({top.FsType} from {top.Source})");
    }

    /// <summary>fstab may list several types (<c>ext4,ext3</c>); nfs mounts show as nfs4; fuse ones as fuse.NAME.</summary>
    public static bool TypeMatches(string fstabTypes, string mountedType)
    {
        foreach (var t in fstabTypes.Split(','))
        {
            if (t == mountedType || (t == "nfs" && mountedType == "nfs4") || mountedType == "fuse." + t || (t.StartsWith("fuse.", StringComparison.Ordinal) && mountedType == "fuse"))
            {
                return true;
            }
        }
        return false;
    }
}
