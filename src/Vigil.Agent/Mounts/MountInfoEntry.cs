namespace Vigil.Agent.Mounts;

/// <summary>One line of <c>/proc/self/mountinfo</c> (proc(5)): what is mounted where, with which type and source.</summary>
internal sealed record MountInfoEntry(int MountId, int ParentId, string Root, string MountPoint, string FsType, string Source, IReadOnlyList<string> Options);
