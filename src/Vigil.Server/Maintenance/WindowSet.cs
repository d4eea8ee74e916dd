using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Labels;

namespace Vigil.Server.Maintenance;

/// <summary>
/// The windows in force, in memory: those stored (API) and those in the configuration. Answers the
/// dispatcher and the API on every flush and read (<see cref="IAlertMuter"/>), so each window caches its
/// open occurrence until the next instant that can change it.
/// </summary>
public sealed class WindowSet : IAlertMuter
{
    private ImmutableDictionary<string, WindowEntry> _stored = ImmutableDictionary<string, WindowEntry>.Empty.WithComparers(StringComparer.Ordinal);
    private ImmutableDictionary<string, WindowEntry> _configured;
    private readonly Lock _writeGate = new();
    private long _version;

    public WindowSet(ConfigHolder config, ILogger<WindowSet> logger)
    {
        _configured = FromConfig(config.Current);
        config.Reloaded += c => Volatile.Write(ref _configured, FromConfig(c));
        Health = new LoopHealth("maintenance", logger);
    }

    public MuteKind Kind => MuteKind.Window;

    /// <summary>The maintenance loop's health: windows it skips, and why.</summary>
    public LoopHealth Health { get; }

    /// <summary>Why the window is not evaluated (a damaged or out-of-range definition, or a failure handling it), or null.</summary>
    public string? ErrorOf(MaintenanceWindow window)
    {
        if (window.Error is { } invalid)
        {
            return invalid;
        }
        var entries = window.Source == WindowSources.Config ? Volatile.Read(ref _configured) : Volatile.Read(ref _stored);
        return (entries.TryGetValue(window.Id, out var e) ? e.Error : null) ?? Health.ErrorOf(window.Id) ?? Health.ErrorOf(EndKey(window.Id));
    }

    /// <summary>The <see cref="Health"/> key of handling the end of a window's occurrence.</summary>
    internal static string EndKey(string windowId) => windowId + "/end";

    /// <summary>Every window, configured ones first (a stored window never shadows a configured id).</summary>
    public IReadOnlyList<MaintenanceWindow> All =>
        [.. Volatile.Read(ref _configured).Values.Select(e => e.Window), .. Volatile.Read(ref _stored).Values.Select(e => e.Window)];

    public MaintenanceWindow? Get(string id) =>
        Volatile.Read(ref _configured).TryGetValue(id, out var c) ? c.Window
        : Volatile.Read(ref _stored).TryGetValue(id, out var s) ? s.Window
        : null;

    public IReadOnlyList<string> MutedBy(Alert alert, DateTimeOffset now)
    {
        var configured = Volatile.Read(ref _configured);
        var stored = Volatile.Read(ref _stored);
        if (configured.IsEmpty && stored.IsEmpty)
        {
            return [];
        }
        List<string>? ids = null;
        foreach (var entries in (ReadOnlySpan<ImmutableDictionary<string, WindowEntry>>)[configured, stored])
        {
            foreach (var (id, entry) in entries)
            {
                if (entry.IsOpenAt(now) && WindowRules.InScope(entry.Window, alert.Labels))
                {
                    (ids ??= []).Add(id);
                }
            }
        }
        return ids ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Counts <see cref="Put"/> calls and applied re-reads that changed the set, so a re-read of the table that
    /// raced with either is not applied.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Raised after a window was put or the stored set replaced (the UI's live pages listen).</summary>
    public event Action? Changed;

    /// <summary>Adds or replaces a stored window (after the change committed).</summary>
    public void Put(MaintenanceWindow window)
    {
        lock (_writeGate)
        {
            Volatile.Write(ref _stored, _stored.SetItem(window.Id, new WindowEntry(window)));
            Interlocked.Increment(ref _version);
        }
        Changed?.Invoke();
    }

    /// <summary>
    /// Whether a window read again is the one held: record equality, with its selectors compared by content (a read
    /// makes new lists, which record equality compares by reference).
    /// </summary>
    internal static bool Unchanged(MaintenanceWindow held, MaintenanceWindow read) =>
        held with { Targets = read.Targets, Expected = read.Expected } == read
        && SameSelectors(held.Targets, read.Targets) && SameSelectors(held.Expected, read.Expected);

    private static bool SameSelectors(IReadOnlyList<IReadOnlyList<Matcher>> a, IReadOnlyList<IReadOnlyList<Matcher>> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.SequenceEqual(p.Second));

    /// <summary>
    /// Replaces every stored window with <paramref name="windows"/>, read from the table when <see cref="Version"/>
    /// was <paramref name="readAtVersion"/> (null: unconditionally, at start). Returns false, changing nothing, when a
    /// window was put since: the read may predate that change, and the next re-read will see it.
    /// </summary>
    public bool ReplaceStored(IEnumerable<MaintenanceWindow> windows, long? readAtVersion = null)
    {
        bool changed;
        lock (_writeGate)
        {
            if (readAtVersion is { } v && v != _version)
            {
                return false;
            }
            var current = _stored;
            var next = ImmutableDictionary.CreateBuilder<string, WindowEntry>(StringComparer.Ordinal);
            foreach (var w in windows)
            {
                // Keep the entry (and its cached occurrence) when the window did not change.
                next[w.Id] = current.TryGetValue(w.Id, out var e) && Unchanged(e.Window, w) ? e : new WindowEntry(w);
            }
            changed = next.Count != current.Count || next.Any(n => !current.TryGetValue(n.Key, out var e) || !ReferenceEquals(e, n.Value));
            Volatile.Write(ref _stored, next.ToImmutable());
            if (changed)
            {
                // A read made before this one and applied after it would undo it (on a cluster, two re-reads race:
                // the notice's and a tick's): it is refused like a read that raced with a put.
                Interlocked.Increment(ref _version);
            }
        }
        if (changed)
        {
            // Another node's change (or a change made in SQL): the live pages refresh as for a local one.
            Changed?.Invoke();
        }
        return true;
    }

    private static ImmutableDictionary<string, WindowEntry> FromConfig(VigilConfig config) =>
        config.Maintenance.Windows.ToImmutableDictionary(w => w.Id, w => new WindowEntry(w), StringComparer.Ordinal);
}
