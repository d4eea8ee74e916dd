using System.Diagnostics;
using System.Globalization;
using Vigil.Drill.Run;
using Vigil.Drill.Soak;

namespace Vigil.Bench;

/// <summary>
/// <c>Vigil.Bench drill [--runs 5] [--days 30] [--hosts 50]</c>: issue 13's targets, in process. The seed's night (10
/// virtual hours and more) in each mode, wall time per run (target ≤ 5 s); then one soak seed of a 50-host fleet over 30
/// virtual days, as a multiple of real time (target ≥ 10,000×). The first run of each includes the JIT.
/// </summary>
internal static class DrillBench
{
    public static int Run(CommandArgs a)
    {
        var runs = a.Int("runs", 5);
        var days = a.Int("days", 30);
        var hosts = a.Int("hosts", 50);
        a.RejectUnknown();
        Console.WriteLine($"drill bench: load {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
        var scenario = DrillRunner.Load("builtin:seed-2020-05-10");
        foreach (var mode in scenario.Modes.Keys.Order(StringComparer.Ordinal))
        {
            var walls = new List<double>();
            DrillResult? last = null;
            for (var r = 0; r < runs; r++)
            {
                var started = Stopwatch.GetTimestamp();
                last = DrillRunner.Run(scenario, mode, null);
                walls.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            var virtualHours = scenario.Duration.TotalHours;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed night, {mode}: {virtualHours:0} virtual hours in {walls.Order().ElementAt(walls.Count / 2):0.000} s median, {walls.Max():0.000} s max (first {walls[0]:0.000} s); {last!.CustomerMinutesLost:0.#} customer-minutes lost, {last.Timeline.Count} timeline entries"));
        }
        var soakStarted = Stopwatch.GetTimestamp();
        var outcome = SoakRunner.Run(1, 1, days, hosts)[0];
        var wall = Stopwatch.GetElapsedTime(soakStarted).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {hosts} hosts × {days} virtual days in {wall:0.0} s = {days * 86400 / wall:0}× real time; invariants {(outcome.Holds ? "hold" : "BROKEN")}"));
        return 0;
    }
}
