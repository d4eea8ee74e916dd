namespace Vigil.Server.Plans.Runs;

/// <summary>
/// What a running run needs next: step <see cref="Step"/> on <see cref="Hosts"/> (hosts of the current batch move
/// through the steps together, so a gate sees every host of the batch about to leave).
/// </summary>
public sealed record RunWork(int Batch, int Step, IReadOnlyList<string> Hosts);
