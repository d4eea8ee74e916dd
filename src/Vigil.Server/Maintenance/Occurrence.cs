namespace Vigil.Server.Maintenance;

/// <summary>One span of a window, <c>[Start, End)</c>: the whole of a one-off window, or one recurrence.</summary>
public readonly record struct Occurrence(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset now) => Start <= now && now < End;
}
