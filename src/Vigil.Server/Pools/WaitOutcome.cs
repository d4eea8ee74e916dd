namespace Vigil.Server.Pools;

/// <summary>How a wait on a pool member ended, after how long, and the sentence that says why.</summary>
public sealed record WaitOutcome(WaitResult Result, TimeSpan Elapsed, string Reason);
