namespace Vigil.Drill.Demo;

/// <summary>What <c>vigil demo fault HOST FAULT</c> can do to a simulated host.</summary>
internal enum DemoFault
{
    /// <summary>Power off: the agent goes silent, HAProxy's checks fail, an LB's own Runtime API stops answering.</summary>
    Down,

    /// <summary>Power on again (a new boot).</summary>
    Up,

    /// <summary>Reboot: silent a few seconds, then a new boot id.</summary>
    Reboot,

    /// <summary>Unmount <c>/data</c> now (db-1).</summary>
    Unmount,

    /// <summary>Mount <c>/data</c> again (db-1).</summary>
    Mount,

    /// <summary>The next boot leaves <c>/data</c> unmounted: the seed outage (db-1).</summary>
    NoAutomount,

    /// <summary>Kill the unicorn workers (web-1..3).</summary>
    KillUnicorn,

    /// <summary>Clear faults that wait for the next boot.</summary>
    Heal,
}
