namespace Vigil.Server.Storage;

/// <summary>
/// What the stored alert snapshot is made of: the log sequence it includes, the alerts of its whole part, and the
/// entries and parts of the incremental ones written after it (what a restart decodes beyond the alerts it ends with).
/// </summary>
public sealed record SnapshotShape(long AppliedSeq, long WholeAlerts, long ChangeEntries, int ChangeParts, long LastPart);
