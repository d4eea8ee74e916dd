namespace Vigil.Server.Pools;

/// <summary>A server's state as <c>show stat</c> names it (the first word of its <c>status</c> column).</summary>
public enum ServerStatus
{
    /// <summary>"UP", or "UP 1/2" while its checks are falling (or rising again after <c>ready</c>).</summary>
    Up,

    /// <summary>"DOWN", or "DOWN 1/2" while its checks are rising.</summary>
    Down,

    /// <summary>"MAINT": out of the pool by an operator (or a tracked server, or DNS).</summary>
    Maint,

    /// <summary>"DRAIN": up, but given no new connections.</summary>
    Drain,

    /// <summary>"NOLB": up, but its checks ask for no new traffic.</summary>
    Nolb,

    /// <summary>"no check": in the pool without health checks.</summary>
    NoCheck,

    /// <summary>A status this client does not know.</summary>
    Other,
}
