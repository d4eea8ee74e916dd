namespace Vigil.Server.Probes;

/// <summary>Runs one probe kind against its target. One instance per probe, so it may keep connections and what it learnt (a certificate).</summary>
internal interface IProber : IDisposable
{
    /// <summary>Runs the check once; <paramref name="ct"/> fires at the probe's timeout. Never throws for a failing target.</summary>
    Task<ProbeResult> RunAsync(CancellationToken ct);
}
