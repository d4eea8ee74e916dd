namespace Vigil.Server.Probes;

/// <summary>
/// A probe's rise/fall state, as a load balancer's health check keeps it: an up probe goes down after
/// <c>fall</c> consecutive failures, a down probe comes back after <c>rise</c> consecutive successes; a
/// single result of the other kind resets the count. Probes start up (like HAProxy's servers).
/// </summary>
public readonly record struct ProbeHealth(bool Up, int Failures, int Successes)
{
    public static ProbeHealth Initial => new(true, 0, 0);

    public static ProbeHealth Down => new(false, 0, 0);

    /// <summary>The state after one more result.</summary>
    public ProbeHealth Next(bool success, int fall, int rise)
    {
        if (success)
        {
            var successes = Successes + 1;
            return Up || successes >= rise ? new ProbeHealth(true, 0, successes) : new ProbeHealth(false, 0, successes);
        }
        var failures = Failures + 1;
        return !Up || failures >= fall ? new ProbeHealth(false, failures, 0) : new ProbeHealth(true, failures, 0);
    }
}
