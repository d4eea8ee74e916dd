namespace Vigil.Server.Pools;

/// <summary>The kinds of <see cref="RuntimeError"/>.</summary>
public enum RuntimeErrorKind
{
    /// <summary>No socket, connection refused, reset: nothing answered.</summary>
    Unreachable,

    /// <summary>Connected, but no complete answer within the pool's timeout.</summary>
    Timeout,

    /// <summary>This HAProxy does not know the command (an older version, e.g. <c>wait</c> before 2.7).</summary>
    UnknownCommand,

    /// <summary>No such backend or server.</summary>
    NotFound,

    /// <summary>The socket is not at <c>level admin</c>.</summary>
    PermissionDenied,

    /// <summary>HAProxy refused the command and said why.</summary>
    Failed,

    /// <summary>An answer this client cannot read.</summary>
    BadReply,
}
