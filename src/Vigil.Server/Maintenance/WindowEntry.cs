namespace Vigil.Server.Maintenance;

/// <summary>
/// A window with its open occurrence cached: recomputing a recurring window's occurrences for every alert at
/// every flush would be wasteful, and the answer only changes at an occurrence's start or end.
/// </summary>
internal sealed class WindowEntry(MaintenanceWindow window)
{
    private Cached? _cached;

    public MaintenanceWindow Window { get; } = window;

    public bool IsOpenAt(DateTimeOffset now)
    {
        var c = Volatile.Read(ref _cached);
        if (c is null || now < c.ValidFrom || now >= c.ValidUntil)
        {
            c = Compute(now);
            Volatile.Write(ref _cached, c);
        }
        return c.Open;
    }

    private Cached Compute(DateTimeOffset now)
    {
        if (WindowRules.OccurrenceAt(Window, now) is { } open)
        {
            return new Cached(true, open.Start, open.End);
        }
        var next = WindowRules.NextOccurrence(Window, now);
        return new Cached(false, now, next?.Start ?? DateTimeOffset.MaxValue);
    }

    private sealed record Cached(bool Open, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil);
}
