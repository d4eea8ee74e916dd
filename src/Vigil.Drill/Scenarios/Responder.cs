using Vigil.Drill.Simulation;
using Vigil.Server.Labels;

namespace Vigil.Drill.Scenarios;

/// <summary>
/// A person and how they behave (<c>responders[]</c>): how long they take to acknowledge a page (a distribution, or
/// never), and what they do and when.
/// </summary>
internal sealed record Responder(string Person, Distribution AckAfter, IReadOnlyList<ResponderAct> Acts);

/// <summary>What sets off an act: a time, or an event of the drill and a delay after it (<c>at</c> / <c>after</c>).</summary>
internal sealed record ActTrigger(DateTimeOffset? At, ActEvent? After, TimeSpan Delay)
{
    public static ActTrigger Once(DateTimeOffset at) => new(at, null, TimeSpan.Zero);
}

/// <summary>The events an act can follow: the person's first page, their first acknowledgement, an incident opening,
/// a silence waiting for a second person.</summary>
internal enum ActEvent
{
    Paged,
    Acknowledged,
    IncidentOpened,
    ApprovalRequested,
}

/// <summary>What a responder can do (<c>responders[].acts[]</c>): one key per act.</summary>
internal enum ActKind
{
    /// <summary><c>silence: {matchers, for, comment}</c>.</summary>
    Silence,
    /// <summary><c>ack: true</c>: acknowledge every page open to them.</summary>
    Ack,
    /// <summary><c>approve: true</c>: approve silences waiting for a second person.</summary>
    Approve,
    /// <summary><c>run_plan: NAME</c>.</summary>
    RunPlan,
    /// <summary><c>vendor_ticket: VENDOR</c>.</summary>
    VendorTicket,
    /// <summary><c>mount: {host, mount}</c>: mount a volume by hand.</summary>
    Mount,
    /// <summary><c>reboot: HOST</c>: reboot by hand, outside any plan.</summary>
    Reboot,
    /// <summary><c>restart: {host, service, takes}</c>: restart a service, slowly (staged restarts).</summary>
    Restart,
}

/// <summary>One act: its trigger, kind and arguments (<see cref="Host"/>, <see cref="Name"/> for a plan, vendor, mount
/// or service, <see cref="Matchers"/>, <see cref="For"/> for a silence's length or a restart's).</summary>
internal sealed record ResponderAct(ActTrigger Trigger, ActKind Kind, int Line)
{
    public string? Host { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<Matcher> Matchers { get; init; } = [];
    public TimeSpan For { get; init; }
    public string Comment { get; init; } = "";
}
