using Vigil.Server.Config;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;
using Vigil.Server.Silences;

namespace Vigil.Drill.Notify;

/// <summary>A <c>vigil drill notify</c> file, read and validated: the configuration, what the senders do, and what to expect.</summary>
internal sealed record NotifyDrill(
    string File,
    VigilConfig Config,
    DateTimeOffset Start,
    TimeSpan Interval,
    DateTimeOffset End,
    IReadOnlyList<DrillAlert> Alerts,
    IReadOnlyList<Silence> Silences,
    IReadOnlyList<MaintenanceWindow> Windows,
    IReadOnlyList<Expectation> Expectations);

/// <summary>One alert of <c>alerts:</c> and the spans it fires in (<see cref="FiringSpan.To"/> null: until the end).</summary>
internal sealed record DrillAlert(LabelSet Labels, AnnotationSet Annotations, IReadOnlyList<FiringSpan> Firing);

internal sealed record FiringSpan(DateTimeOffset From, DateTimeOffset? To);

/// <summary>
/// One entry of <c>expect:</c>: a notification at <see cref="At"/> (null: any time) to <see cref="Receiver"/> (null: any)
/// whose firing and resolved alerts are exactly those described (null: not checked). Each description is an alert name
/// (<c>HighLatency</c>) or matchers (<c>{instance="a"}</c>).
/// </summary>
internal sealed record Expectation(
    string Location,
    DateTimeOffset? At,
    string? Receiver,
    IReadOnlyList<string>? Firing,
    IReadOnlyList<string>? Resolved);
