using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Silences;

/// <summary>
/// The silences in force, in memory (loaded from <see cref="SilenceStore"/> at start, updated after each
/// committed change). Implements <see cref="IAlertMuter"/>: the API and the dispatcher ask it at every
/// read and flush, so a silence starting, ending or being approved takes effect without any event.
/// </summary>
internal sealed class SilenceSet(ConfigHolder config) : IAlertMuter
{
    private readonly Lock _gate = new();
    private Dictionary<string, Silence> _byId = new(StringComparer.Ordinal);
    private Silence[] _all = [];

    public MuteKind Kind => MuteKind.Silence;

    public IReadOnlyList<Silence> All => Volatile.Read(ref _all);

    public Silence? Get(string id) => Volatile.Read(ref _byId).GetValueOrDefault(id);

    public IReadOnlyList<string> MutedBy(Alert alert, DateTimeOffset now)
    {
        var all = Volatile.Read(ref _all);
        if (all.Length == 0)
        {
            return [];
        }
        var customer = config.Current.Silences.CustomerLabel;
        List<string>? ids = null;
        foreach (var s in all)
        {
            if (SilenceRules.Mutes(s, alert.Labels, now, customer))
            {
                (ids ??= []).Add(s.Id);
            }
        }
        return ids ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Which of these alerts the silence would mute now but for its missing approval.</summary>
    public IReadOnlyList<Alert> HeldBack(Silence s, IEnumerable<Alert> alerts, DateTimeOffset now)
    {
        var customer = config.Current.Silences.CustomerLabel;
        return alerts.Where(a => a.IsFiringAt(now) && SilenceRules.HoldsBack(s, a.Labels, now, customer)).ToList();
    }

    public bool IsCustomerImpact(LabelSet labels) => config.Current.Silences.CustomerLabel.IsOn(labels);

    /// <summary>Replaces everything (start-up load, or a reload from the database).</summary>
    public void Replace(IEnumerable<Silence> silences)
    {
        lock (_gate)
        {
            Publish(silences.ToDictionary(s => s.Id, StringComparer.Ordinal));
        }
    }

    /// <summary>Adds or replaces these silences (after their change committed).</summary>
    public void Put(params Silence[] silences)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, Silence>(Volatile.Read(ref _byId), StringComparer.Ordinal);
            foreach (var s in silences)
            {
                next[s.Id] = s;
            }
            Publish(next);
        }
    }

    public void Remove(IEnumerable<string> ids)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, Silence>(Volatile.Read(ref _byId), StringComparer.Ordinal);
            foreach (var id in ids)
            {
                next.Remove(id);
            }
            Publish(next);
        }
    }

    /// <summary>Raised after each change is published (the UI's live pages listen).</summary>
    public event Action? Changed;

    private void Publish(Dictionary<string, Silence> byId)
    {
        Volatile.Write(ref _byId, byId);
        Changed?.Invoke();
        Volatile.Write(ref _all, [.. byId.Values]);
    }
}
