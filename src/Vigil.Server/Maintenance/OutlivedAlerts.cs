using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Maintenance;

/// <summary>
/// Keeps each critical copy raised at a window's end in step with its original: while the original fires the
/// copy's end follows the original's, and when the original resolves (or is gone) the copy is resolved too.
/// The pairs are rebuilt at start from the <c>overrun</c> events.
/// </summary>
public sealed class OutlivedAlerts(AlertState state, AlertPoster poster, WindowEventStore events)
{
    private readonly ConcurrentDictionary<Fingerprint, Fingerprint> _originalOf = new();

    public bool IsEmpty => _originalOf.IsEmpty;

    public void Track(Fingerprint original, Fingerprint derived)
    {
        if (original != derived)
        {
            _originalOf[derived] = original;
        }
    }

    /// <summary>Re-reads the pairs from the overrun events (at start).</summary>
    public async Task LoadAsync(DateTimeOffset now, CancellationToken ct)
    {
        foreach (var e in await events.ListKindAsync(WindowEventKinds.Overrun, ct).ConfigureAwait(false))
        {
            if (e.Detail is null || JsonNode.Parse(e.Detail)?["alerts"] is not JsonArray alerts)
            {
                continue;
            }
            foreach (var a in alerts)
            {
                if (Fingerprint.TryParse(a?["original"]?.ToString(), out var original)
                    && Fingerprint.TryParse(a?["derived"]?.ToString(), out var derived)
                    && state.Get(derived) is { } copy && copy.IsFiringAt(now))
                {
                    Track(original, derived);
                }
            }
        }
    }

    /// <summary>Posts the updates the copies need at <paramref name="now"/>.</summary>
    public async Task MirrorAsync(DateTimeOffset now, CancellationToken ct)
    {
        var updates = new List<Alert>();
        foreach (var (derivedFp, originalFp) in _originalOf)
        {
            var derived = state.Get(derivedFp);
            if (derived is null || derived.IsResolvedAt(now))
            {
                _originalOf.TryRemove(derivedFp, out _);
                continue;
            }
            var original = state.Get(originalFp);
            if (original is null || original.IsResolvedAt(now))
            {
                var end = original is { } o && o.EndsAt < now ? o.EndsAt : now;
                updates.Add(derived with { EndsAt = end, Timeout = false });
                _originalOf.TryRemove(derivedFp, out _);
            }
            else if (original.EndsAt > derived.EndsAt)
            {
                updates.Add(derived with { EndsAt = original.EndsAt, Timeout = original.Timeout });
            }
        }
        await poster.PostAsync(updates, ct).ConfigureAwait(false);
    }
}
