namespace Vigil.Server.Plans;

/// <summary>The timeouts of steps that give none. Long enough for a real server's reboot; a plan that knows its hosts says so.</summary>
public static class PlanStepDefaults
{
    /// <summary><c>wait: drained</c>: 5 minutes for current sessions to end.</summary>
    public static readonly TimeSpan Drained = TimeSpan.FromMinutes(5);

    /// <summary><c>wait: host_back</c>: 15 minutes for the agent to report with a new boot id.</summary>
    public static readonly TimeSpan HostBack = TimeSpan.FromMinutes(15);

    /// <summary><c>wait: haproxy_up</c>: 2 minutes for HAProxy's own checks to rise.</summary>
    public static readonly TimeSpan HaproxyUp = TimeSpan.FromMinutes(2);

    /// <summary><c>agent: NAME</c> (other than reboot, whose outcome is the new boot id): 5 minutes for the outcome.</summary>
    public static readonly TimeSpan AgentAction = TimeSpan.FromMinutes(5);

    /// <summary><c>verify: post_boot</c> and <c>verify: probe</c>: 2 minutes to see the checks pass (or the probe rise).</summary>
    public static readonly TimeSpan Verify = TimeSpan.FromMinutes(2);

    /// <summary><c>webhook</c>: 10 seconds for an answer.</summary>
    public static readonly TimeSpan Webhook = TimeSpan.FromSeconds(10);
}
