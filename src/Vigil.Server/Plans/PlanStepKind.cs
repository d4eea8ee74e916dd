namespace Vigil.Server.Plans;

/// <summary>The key a step is written with, which says what sort of step it is.</summary>
public enum PlanStepKind
{
    /// <summary><c>gate: pool_min_healthy | no_firing | oncall</c>: checked before going on; refused halts.</summary>
    Gate,

    /// <summary><c>haproxy: drain | maint | ready</c>: set the host's member in every instance of its pool.</summary>
    Haproxy,

    /// <summary><c>agent: NAME</c>: an action the host's agent allow-lists (<c>reboot</c>, <c>mount-all</c>…).</summary>
    Agent,

    /// <summary><c>wait: drained | host_back | haproxy_up | duration</c>, each with a timeout (or a duration).</summary>
    Wait,

    /// <summary><c>verify: post_boot | probe | no_firing</c>: checked after the work; failed halts.</summary>
    Verify,

    /// <summary><c>webhook: {url, body}</c>: a POST to a URL (a chat room, a runbook hook); a non-2xx answer fails the step.</summary>
    Webhook,
}
