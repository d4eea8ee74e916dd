using Vigil.Drill.Scenarios;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Labels;
using Vigil.Server.Probes;

namespace Vigil.Drill.Watch;

/// <summary>
/// The server's probes on the drill's clock: each simulated probe result goes through <see cref="ProbeRules"/> (rise
/// and fall, the ProbeFailed alert). A fleet probe takes its definition (interval, fall, rise, labels) from the
/// configuration's probe of the same name; a probe the configuration lacks is a customer probe with the defaults.
/// </summary>
internal sealed class ProbeWatch
{
    private readonly Dictionary<string, ProbeStatus> _status = new(StringComparer.Ordinal);
    private readonly TimeSpan _resolveTimeout;

    public ProbeWatch(FleetSpec fleet, VigilConfig config)
    {
        _resolveTimeout = config.Global.ResolveTimeout;
        foreach (var probe in fleet.Probes)
        {
            _status[probe.Name] = new ProbeStatus { Definition = DefinitionOf(probe, config) };
        }
    }

    /// <summary>Alerts raised or resolved.</summary>
    public event Action<IReadOnlyList<Alert>>? Raised;

    public ProbeDefinition Definition(string probe) => _status[probe].Definition;

    public bool IsUp(string probe) => _status[probe].Health.Up;

    /// <summary>Up, run since <paramref name="since"/>, and passing at least its <c>rise</c> runs in a row (what <c>verify: probe</c> waits for).</summary>
    public bool UpSince(string probe, DateTimeOffset since) =>
        _status[probe] is { Health.Up: true } s && s.LastRunAt >= since && s.Health.Successes >= s.Definition.Rise;

    public void Result(ProbeSpec probe, bool ok, string reason, DateTimeOffset now)
    {
        var status = ProbeRules.Apply(_status[probe.Name], new ProbeResult(ok, TimeSpan.FromMilliseconds(20), reason), now);
        if (ProbeRules.SyncAlert(status, now, _resolveTimeout) is ({ } alert, var raised))
        {
            status = raised;
            Raised?.Invoke([alert]);
        }
        _status[probe.Name] = status;
    }

    private static ProbeDefinition DefinitionOf(ProbeSpec probe, VigilConfig config) =>
        config.Probes.FirstOrDefault(p => p.Name == probe.Name) ?? new ProbeDefinition
        {
            Name = probe.Name,
            Interval = probe.Every,
            Labels = probe.Customer ? LabelSet.From([KeyValuePair.Create("impact", "customer")]) : LabelSet.Empty,
            Http = new HttpProbeSpec { Url = new Uri($"https://{probe.Name}.drill.invalid/") },
        };
}
