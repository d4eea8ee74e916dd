namespace Vigil.Server.Maintenance;

/// <summary>
/// A window with its open occurrence cached: recomputing a recurring window's occurrences for every alert at
/// every flush would be wasteful, and the answer only changes at an occurrence's start or end. A window whose
/// occurrences cannot be computed mutes nothing and keeps the reason in <see cref="Error"/>: the dispatcher asks
/// every window about every alert, so one bad window must not fail the others' answers.
/// </summary>
internal sealed class WindowEntry(MaintenanceWindow window)
{
    private Cached? _cached;

    public MaintenanceWindow Window { get; } = window;

    /// <summary>Why computing the window's occurrences failed, or null.</summary>
    public string? Error => Volatile.Read(ref _cached)?.Error;

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
        try
        {
            if (WindowRules.OccurrenceAt(Window, now) is { } open)
            {
                return new Cached(true, open.Start, open.End, null);
            }
            var next = WindowRules.NextOccurrence(Window, now);
            return new Cached(false, now, next?.Start ?? DateTimeOffset.MaxValue, null);
        }
        catch (Exception e)
        {
            return new Cached(false, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, e.Message);
        }
    }

    private sealed record Cached(bool Open, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, string? Error);
}
