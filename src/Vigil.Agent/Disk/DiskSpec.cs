namespace Vigil.Agent.Disk;

/// <summary>A disk usage threshold from the agent's config: the filesystem holding <see cref="Path"/> may be at most <see cref="MaxUsedPercent"/> full.</summary>
internal sealed record DiskSpec(string Path, double MaxUsedPercent);
