namespace Vigil.Server.Pools;

/// <summary>What an operator asked of a server: <c>set server … state ready|drain|maint</c>.</summary>
public enum AdminState
{
    Ready,
    Drain,
    Maint,
}
