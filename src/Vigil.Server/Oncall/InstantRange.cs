using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>A half-open span of instants [<see cref="From"/>, <see cref="To"/>).</summary>
public readonly record struct InstantRange(Instant From, Instant To)
{
    public bool IsEmpty => To <= From;
}
