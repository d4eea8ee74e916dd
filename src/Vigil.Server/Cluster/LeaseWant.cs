namespace Vigil.Server.Cluster;

/// <summary>
/// The pieces of work of one kind a node is ready to do. A balanced kind (probes, dispatch shards) is shared out: each
/// live node holds at most its share (<c>ceil(keys / live nodes)</c>); an unbalanced one (one evaluator of host silence)
/// goes to whoever takes it first.
/// </summary>
public sealed record LeaseWant(string Kind, IReadOnlyList<string> Keys, bool Balanced);
