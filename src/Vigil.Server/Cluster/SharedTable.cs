namespace Vigil.Server.Cluster;

/// <summary>
/// A table other nodes change that this node keeps in memory, and how to read it again. Each module registers its own
/// (silences, windows, overrides); <see cref="SharedStateFollower"/> calls <see cref="Reread"/> when the table's change
/// notice arrives and on its periodic safety-net pass.
/// </summary>
public sealed record SharedTable(string Table, Func<IServiceProvider, CancellationToken, Task> Reread);

/// <summary>A <c>NOTIFY</c> channel other than the table changes, and what to do when it is notified, with the notice's
/// payload (on the listening connection's thread: keep it short, e.g. wake a loop). Also called with an empty payload
/// once listening starts, since notices sent before were missed.</summary>
public sealed record SharedChannel(string Channel, Action<IServiceProvider, string> OnNotice);
