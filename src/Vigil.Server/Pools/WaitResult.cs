namespace Vigil.Server.Pools;

/// <summary>How a wait on a pool member ended.</summary>
public enum WaitResult
{
    /// <summary>The condition held in every instance.</summary>
    Done,

    /// <summary>Every instance answered, and the condition still did not hold at the timeout.</summary>
    TimedOut,

    /// <summary>At the timeout at least one instance could not be read, so whether it held is unknown.</summary>
    Inconclusive,
}
