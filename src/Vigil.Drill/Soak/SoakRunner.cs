using Vigil.Drill.Run;
using Vigil.Drill.Scenarios;

namespace Vigil.Drill.Soak;

/// <summary>
/// <c>vigil drill soak</c>: many random scenarios (<see cref="SoakScenario"/>), each run as <c>vigil drill run</c> runs
/// one, in parallel over the machine's cores; every invariant must hold for every seed.
/// </summary>
internal static class SoakRunner
{
    public static IReadOnlyList<SoakOutcome> Run(int firstSeed, int seeds, int days, int hosts, Action<SoakOutcome>? progress = null)
    {
        var outcomes = new SoakOutcome[seeds];
        var gate = new Lock();
        Parallel.For(0, seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var seed = firstSeed + i;
            var yaml = SoakScenario.Yaml(seed, days, hosts);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = DrillRunner.Run(ScenarioReader.Read(yaml, $"soak-seed-{seed}.yaml"), null, null);
            var outcome = new SoakOutcome(seed, yaml, result, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            outcomes[i] = outcome;
            lock (gate)
            {
                progress?.Invoke(outcome);
            }
        });
        return outcomes;
    }
}

/// <summary>One seed of a soak: its scenario (as a file's text), what the drill found, and how long it took.</summary>
internal sealed record SoakOutcome(int Seed, string Yaml, DrillResult Result, TimeSpan Wall)
{
    public bool Holds => Result.Invariants.All(i => i.Holds);
}
