namespace Vigil.Server.Cluster;

/// <summary>One node's row in <c>nodes</c>: who it is, what it runs and when it last said it was alive.</summary>
public sealed record NodeRow(
    string Name,
    string Instance,
    string Address,
    string Version,
    string ConfigHash,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    long FoldedSeq = 0);
