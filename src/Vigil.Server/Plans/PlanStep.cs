using Vigil.Server.Labels;

namespace Vigil.Server.Plans;

/// <summary>
/// One step of a plan: its kind and what it names (<c>gate: oncall</c> is <see cref="PlanStepKind.Gate"/> +
/// <c>"oncall"</c>), with the options that sort of step takes. Written in YAML as a mapping with one kind key:
/// <code>
/// - gate: no_firing
///   matchers: ['severity="critical"']
/// - wait: host_back
///   timeout: 10m
/// - verify: probe
///   probe: shop
/// </code>
/// </summary>
public sealed record PlanStep
{
    public required PlanStepKind Kind { get; init; }

    /// <summary>What the step does within its kind: <c>pool_min_healthy</c>, <c>drain</c>, the agent action's name, <c>host_back</c>…</summary>
    public required string What { get; init; }

    /// <summary>How long a wait, an agent action or a verification may take before the step fails (<c>timeout</c>);
    /// null: the kind's default (see <see cref="PlanStepDefaults"/>).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary><c>matchers</c> of <c>no_firing</c>: which alerts must not be firing (on any host; add
    /// <c>host="{{ host }}"</c>-style matchers with <see cref="HostScoped"/>).</summary>
    public IReadOnlyList<Matcher> Matchers { get; init; } = [];

    /// <summary><c>host_scoped: true</c> on <c>no_firing</c>: only alerts labelled with the current host count. Default false.</summary>
    public bool HostScoped { get; init; }

    /// <summary><c>probe</c> of <c>verify: probe</c>: the probe (from <c>probes:</c>) that must be up.</summary>
    public string? Probe { get; init; }

    /// <summary><c>duration</c> of <c>wait: duration</c>.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary><c>webhook.url</c>.</summary>
    public Uri? Url { get; init; }

    /// <summary><c>webhook.body</c>: sent as is, after <c>{{ plan }}</c>, <c>{{ run }}</c>, <c>{{ host }}</c> and <c>{{ step }}</c> are filled in.</summary>
    public string? Body { get; init; }

    /// <summary>The 1-based line of the step in its YAML, for messages; 0 when not read from YAML.</summary>
    public int Line { get; init; }

    /// <summary>How the step is shown: <c>gate: pool_min_healthy</c>, <c>agent: reboot</c>, <c>verify: probe shop</c>.</summary>
    public override string ToString() =>
        $"{Kind.ToString().ToLowerInvariant()}: {What}{(Probe is null ? "" : " " + Probe)}";
}
