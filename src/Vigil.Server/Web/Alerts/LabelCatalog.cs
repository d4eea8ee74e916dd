using Vigil.Server.Alerts;

namespace Vigil.Server.Web.Alerts;

/// <summary>
/// The label names and their most common values among the firing alerts, for completing the alert filter. Built
/// in one pass over the alerts at most every <see cref="MaxAge"/>, in the background once a first copy exists, so a
/// page load never waits for it at 100,000 alerts (a completion a few seconds old is good enough).
/// </summary>
public sealed class LabelCatalog(AlertState alerts, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    /// <summary>Values kept per label name (the most common first): a completion list, not an inventory.</summary>
    public const int ValuesPerName = 40;

    private Snapshot? _current;
    private int _building;

    /// <summary>Label names in order, each with its most common values.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Current()
    {
        var now = clock.GetUtcNow();
        var snapshot = Volatile.Read(ref _current);
        if (snapshot is null)
        {
            snapshot = Build(now);
            Volatile.Write(ref _current, snapshot);
        }
        else if (now - snapshot.BuiltAt > MaxAge && Interlocked.Exchange(ref _building, 1) == 0)
        {
            _ = Task.Run(() =>
            {
                try
                {
                    Volatile.Write(ref _current, Build(clock.GetUtcNow()));
                }
                finally
                {
                    Volatile.Write(ref _building, 0);
                }
            });
        }
        return snapshot.Names;
    }

    private Snapshot Build(DateTimeOffset now)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var alert in alerts.All)
        {
            if (!alert.IsFiringAt(now))
            {
                continue;
            }
            foreach (var (name, value) in alert.Labels)
            {
                if (!counts.TryGetValue(name, out var values))
                {
                    counts[name] = values = new Dictionary<string, int>(StringComparer.Ordinal);
                }
                // Past a few thousand distinct values (instance ids) new ones are not counted: the common ones are already in.
                if (values.Count < 4096 || values.ContainsKey(value))
                {
                    values[value] = values.GetValueOrDefault(value) + 1;
                }
            }
        }
        var names = counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, (IReadOnlyList<string>)c.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                .Take(ValuesPerName).Select(v => v.Key).ToList()))
            .ToList();
        return new Snapshot(now, names);
    }

    private sealed record Snapshot(DateTimeOffset BuiltAt, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Names);
}
