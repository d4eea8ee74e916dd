using Vigil.Drill.Run;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;
using Vigil.Server.Silences;

namespace Vigil.Drill.Desks;

/// <summary>
/// Maintenance windows in a drill: the configuration's (<c>maintenance.windows</c>) and those plan runs open. With
/// window scoping on they are the server's windows (<see cref="WindowRules"/>: only the expected signals of their
/// targets are muted, never a customer-facing alert, and what they muted is re-raised at their end). With it off, each
/// is what teams use without Vigil: a silence over its targets for its span, muting everything on them and
/// re-raising nothing. Windows with an announcement tell customers of the maintenance (counted apart from lost impact).
/// </summary>
internal sealed class WindowDesk(DrillWorld world)
{
    private readonly Dictionary<string, MaintenanceWindow> _windows = new(StringComparer.Ordinal);

    private readonly Dictionary<Fingerprint, Fingerprint> _originalOf = [];

    /// <summary>The configuration's windows: logged, and turned into silences when scoping is off (else their ends are
    /// scheduled: what they muted and still fires is raised again then).</summary>
    public void Start()
    {
        foreach (var w in world.Config.Maintenance.Windows)
        {
            _windows[w.Id] = w;
            world.Log.Add(w.Start, "window", Describe(w));
            if (!world.Scenario.Policy.WindowScoping)
            {
                AsSilence(w);
                continue;
            }
            foreach (var occurrence in WindowRules.Occurrences(w, world.Scenario.Start, world.Scenario.End))
            {
                world.Queue.At(occurrence.End, $"window {w.Id} ends", () => Ended(w.Id, occurrence));
            }
        }
    }

    /// <summary>
    /// A window's occurrence ended, as the server's maintenance service ends it: each alert it muted that still fires is
    /// raised again as a critical copy (<see cref="Overrun"/>) and its group flushed at once; a copy resolves with its original.
    /// </summary>
    private void Ended(string id, Occurrence occurrence)
    {
        if (_windows.GetValueOrDefault(id) is not { } w || w.EndedAt is { } ended && ended < occurrence.End)
        {
            return;
        }
        var now = world.Clock.GetUtcNow();
        var stillFiring = Overrun.StillFiring(w, occurrence, world.Alerts(), now);
        world.Log.Add(now, "window", $"window {id} ended{(stillFiring.Count > 0 ? $"; {stillFiring.Count} alert(s) it muted still fire and are raised again as critical" : "")}");
        if (stillFiring.Count == 0)
        {
            return;
        }
        var copies = stillFiring.Select(a => Overrun.Derive(a, w, occurrence.End)).ToList();
        for (var i = 0; i < copies.Count; i++)
        {
            _originalOf[copies[i].Fingerprint] = stillFiring[i].Fingerprint;
        }
        world.Raise(copies);
        world.Notify.FlushGroupsOf([.. stillFiring.Select(a => a.Fingerprint), .. copies.Select(c => c.Fingerprint)]);
    }

    /// <summary>The copies to resolve because their originals resolved (the server's <c>OutlivedAlerts</c>).</summary>
    public IReadOnlyList<Alert> CopiesToResolve(IEnumerable<Alert> resolvedOriginals, DateTimeOffset now)
    {
        var resolved = resolvedOriginals.Select(a => a.Fingerprint).ToHashSet();
        var due = new List<Alert>();
        foreach (var (copy, original) in _originalOf.ToList())
        {
            if (resolved.Contains(original) && world.Alerts().FirstOrDefault(a => a.Fingerprint == copy) is { } c && c.IsFiringAt(now))
            {
                due.Add(c with { EndsAt = now, UpdatedAt = now, Timeout = false });
                _originalOf.Remove(copy);
            }
        }
        return due;
    }

    public void Open(MaintenanceWindow window, string by)
    {
        _windows[window.Id] = window;
        world.Log.Add(world.Clock.GetUtcNow(), "window", $"{Describe(window)}, opened by {by}");
        if (world.Scenario.Policy.WindowScoping)
        {
            world.Notify.AddWindow(window);
            foreach (var occurrence in WindowRules.Occurrences(window, window.Start, world.Scenario.End))
            {
                world.Queue.At(occurrence.End, $"window {window.Id} ends", () => Ended(window.Id, occurrence));
            }
        }
        else
        {
            AsSilence(window);
        }
        world.Fleet.Measure();
    }

    /// <summary>A plan narrows what its window expects (only the hosts it is rebooting).</summary>
    public void Expect(string id, IReadOnlyList<IReadOnlyList<Matcher>> expected)
    {
        if (!_windows.TryGetValue(id, out var w) || !world.Scenario.Policy.WindowScoping || Same(w.Expected, expected))
        {
            return;
        }
        _windows[id] = w with { Expected = expected };
        world.Notify.AddWindow(_windows[id]);
    }

    public void End(string id, string by)
    {
        if (!_windows.TryGetValue(id, out var w) || w.EndedAt is not null)
        {
            return;
        }
        var now = world.Clock.GetUtcNow();
        var occurrence = WindowRules.OccurrenceAt(w, now);
        _windows[id] = w with { End = now, EndedAt = now, Duration = null };
        world.Log.Add(now, "window", $"window {id} ended by {by}");
        if (world.Scenario.Policy.WindowScoping)
        {
            world.Notify.AddWindow(_windows[id]);
            if (occurrence is { } o)
            {
                Ended(id, o with { End = now });
            }
        }
        world.Fleet.Measure();
    }

    public MaintenanceWindow? Get(string id) => _windows.GetValueOrDefault(id);

    /// <summary>The window a hold's detail names (it starts with or contains the window's id).</summary>
    public MaintenanceWindow? Named(string detail) =>
        _windows.Values.OrderByDescending(w => w.Id.Length).FirstOrDefault(w => detail.Contains(w.Id, StringComparison.Ordinal));

    /// <summary>Whether customers were told of maintenance at <paramref name="t"/>: a window with an announcement is open.</summary>
    public bool Announced(DateTimeOffset t) =>
        _windows.Values.Any(w => w.Announcement.Length > 0 && WindowRules.OccurrenceAt(w, t) is not null);

    /// <summary>The instants windows open and close between <paramref name="from"/> and <paramref name="to"/>, so impact is
    /// measured on each side of them.</summary>
    public IEnumerable<DateTimeOffset> Edges(DateTimeOffset from, DateTimeOffset to) =>
        world.Config.Maintenance.Windows.SelectMany(w => WindowRules.Occurrences(w, from, to)).SelectMany(o => new[] { o.Start, o.End })
            .Where(t => t >= from && t <= to).Distinct().Order();

    private void AsSilence(MaintenanceWindow w)
    {
        foreach (var occurrence in WindowRules.Occurrences(w, w.Start, world.Scenario.End))
        {
            foreach (var (target, i) in w.Targets.Select((t, i) => (t, i)))
            {
                var id = $"{w.Id}-{i + 1}";
                world.Notify.AddSilence(new Silence(id, target, occurrence.Start, occurrence.End, occurrence.Start, w.Watcher,
                    $"maintenance: {w.Announcement}", w.Watcher, "(window scoping off)", occurrence.Start));
            }
        }
    }

    private static bool Same(IReadOnlyList<IReadOnlyList<Matcher>> a, IReadOnlyList<IReadOnlyList<Matcher>> b) =>
        Vigil.Server.Plans.Runs.PlanWindowRules.Same(a, b);

    private static string Describe(MaintenanceWindow w) =>
        $"window {w.Id} over {string.Join(", ", w.Targets.Select(Matcher.ListToString))}, watcher {w.Watcher}" +
        (w.Announcement.Length > 0 ? $", announced: \"{w.Announcement}\"" : "");
}
