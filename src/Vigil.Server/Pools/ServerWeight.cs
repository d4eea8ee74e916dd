namespace Vigil.Server.Pools;

/// <summary>A server's weight now and as configured (<c>get weight</c>).</summary>
public sealed record ServerWeight(int Current, int Initial);
