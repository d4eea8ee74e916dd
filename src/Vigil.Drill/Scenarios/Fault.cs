namespace Vigil.Drill.Scenarios;

/// <summary>The kinds of fault a scenario can inject (<c>faults[].kind</c>).</summary>
internal enum FaultKind
{
    /// <summary><c>host_down</c>: the host stops (no agent reports, the balancer's checks fail) from <c>at</c> to <c>until</c>.</summary>
    HostDown,
    /// <summary><c>reboot_loses_mount</c>: from <c>at</c>, the host's next boot comes up without <c>mount</c>.</summary>
    RebootLosesMount,
    /// <summary><c>failing_checks</c>: the host runs but its <c>check</c> (a mount or service) fails from <c>at</c> to <c>until</c>.</summary>
    FailingChecks,
    /// <summary><c>probe_failing</c>: the probe's target fails for customers from <c>at</c> to <c>until</c>, whatever the pool.</summary>
    ProbeFailing,
    /// <summary><c>receiver_down</c>: notifications to the receiver fail from <c>at</c> to <c>until</c>.</summary>
    ReceiverDown,
}

/// <summary>One fault (<c>faults[]</c>), on a host, a probe or a receiver (<see cref="Target"/>).</summary>
internal sealed record Fault(FaultKind Kind, DateTimeOffset At, DateTimeOffset? Until, string Target, string? Detail, int Line)
{
    public bool ActiveAt(DateTimeOffset t) => t >= At && (Until is null || t < Until);

    public static string KindName(FaultKind kind) => kind switch
    {
        FaultKind.HostDown => "host_down",
        FaultKind.RebootLosesMount => "reboot_loses_mount",
        FaultKind.FailingChecks => "failing_checks",
        FaultKind.ProbeFailing => "probe_failing",
        _ => "receiver_down",
    };
}
