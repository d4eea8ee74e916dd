namespace Vigil.Agent.Mounts;

/// <summary>One line of <c>/etc/fstab</c>, escapes decoded.</summary>
internal sealed record FstabEntry(string Spec, string MountPoint, string FsType, IReadOnlyList<string> Options, int Line)
{
    public bool Has(string option) => Options.Contains(option, StringComparer.Ordinal);

    public bool IsSwap => FsType == "swap" || MountPoint == "swap";

    public bool IsNoauto => Has("noauto");

    public bool IsNofail => Has("nofail");

    /// <summary>Mounted on first access by systemd: until then an <c>autofs</c> placeholder sits at the mount point.</summary>
    public bool IsAutomount => Has("x-systemd.automount");

    /// <summary>A bind mount (or type none/auto): mountinfo shows the source's type, so the type is not compared.</summary>
    public bool TypeIsLoose => FsType is "none" or "auto" || Has("bind") || Has("rbind");

    /// <summary>Whether this entry should be mounted after every boot: not swap, not a <c>none</c> mount point, not <c>noauto</c>.</summary>
    public bool ShouldBeMounted => !IsSwap && MountPoint != "none" && !IsNoauto;
}
