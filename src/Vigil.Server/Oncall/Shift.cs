using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>A final shift: <see cref="Person"/> on call from <see cref="From"/> (inclusive) to <see cref="To"/>
/// (exclusive), from layer <see cref="Layer"/> or <c>override</c>.</summary>
public sealed record Shift(string Person, Instant From, Instant To, string Layer)
{
    public const string OverrideLayer = "override";
}
