namespace Vigil.Server.Pools;

/// <summary>The answer of <see cref="PoolHealth.CanRemove"/>.</summary>
public enum RemovalDecision
{
    /// <summary>The pool keeps at least <c>min_healthy</c> healthy members without it.</summary>
    Allowed,

    /// <summary>The pool would drop below <c>min_healthy</c>.</summary>
    Refused,

    /// <summary>An HAProxy instance could not be read: the count is unknown, so nothing may be assumed.</summary>
    Inconclusive,
}
