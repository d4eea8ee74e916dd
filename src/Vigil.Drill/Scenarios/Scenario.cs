using NodaTime;
using Vigil.Server.Config;

namespace Vigil.Drill.Scenarios;

/// <summary>
/// A drill: a fleet, Vigil's own configuration, faults at times, responders with behaviour, policy toggles and the
/// outcome expected — read from a scenario file (docs/drills.md), run on a virtual clock.
/// </summary>
internal sealed record Scenario
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>The zone the scenario's times are written in and its report is shown in (<c>zone</c>, default UTC).</summary>
    public required DateTimeZone Zone { get; init; }
    /// <summary>When the virtual clock starts (<c>start</c>).</summary>
    public required DateTimeOffset Start { get; init; }
    /// <summary>How long the drill runs (<c>duration</c>).</summary>
    public required TimeSpan Duration { get; init; }
    /// <summary>The seed used when the command line gives none (<c>seed</c>, default 1).</summary>
    public int Seed { get; init; } = 1;
    public required FleetSpec Fleet { get; init; }
    /// <summary>Vigil's configuration, with the same keys as <c>vigil.yaml</c> (<c>vigil</c>: inline or a path).</summary>
    public required VigilConfig Vigil { get; init; }
    public IReadOnlyList<Fault> Faults { get; init; } = [];
    public IReadOnlyList<Responder> Responders { get; init; } = [];
    public PolicyToggles Policy { get; init; } = PolicyToggles.AllOn;
    public IReadOnlyList<Expectation> Expect { get; init; } = [];
    /// <summary>Named variants (<c>modes</c>): each replaces the parts it names.</summary>
    public IReadOnlyDictionary<string, ScenarioMode> Modes { get; init; } = new Dictionary<string, ScenarioMode>();
    /// <summary>The file it was read from, for messages.</summary>
    public string Source { get; init; } = "";

    public DateTimeOffset End => Start + Duration;

    /// <summary>The scenario as the mode describes it; null mode is the scenario as written.</summary>
    public Scenario WithMode(string? mode)
    {
        if (mode is null)
        {
            return this;
        }
        if (!Modes.TryGetValue(mode, out var m))
        {
            var known = Modes.Count == 0 ? "it has none" : "it has " + string.Join(", ", Modes.Keys.Order(StringComparer.Ordinal));
            throw new ArgumentException($"scenario {Name} has no mode '{mode}' ({known})");
        }
        return this with
        {
            Policy = m.Policy ?? Policy,
            Faults = m.Faults ?? Faults,
            Responders = m.Responders ?? Responders,
            Expect = m.Expect ?? Expect,
            Modes = new Dictionary<string, ScenarioMode>(),
            Name = $"{Name} ({mode})",
            Description = m.Description ?? Description,
        };
    }
}

/// <summary>A variant of a scenario: what it replaces (<c>modes.NAME</c>).</summary>
internal sealed record ScenarioMode(
    string? Description, PolicyToggles? Policy, IReadOnlyList<Fault>? Faults, IReadOnlyList<Responder>? Responders,
    IReadOnlyList<Expectation>? Expect);
