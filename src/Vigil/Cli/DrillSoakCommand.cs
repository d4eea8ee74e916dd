using System.CommandLine;
using System.Globalization;
using Vigil.Drill.Soak;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil drill soak [--days 30] [--seeds 100] [--first-seed 1] [--hosts 50] [--write-failing DIR]</c>: random fleets,
/// faults and responders over long virtual periods, checking the invariants; a failing seed is printed with the command
/// that replays it, and its scenario can be written out. Exit 0 when every invariant held for every seed.
/// </summary>
internal static class DrillSoakCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "virtual days per seed", DefaultValueFactory = _ => 30 };
        var seeds = new Option<int>("--seeds") { Description = "how many seeds (random scenarios) to run", DefaultValueFactory = _ => 100 };
        var first = new Option<int>("--first-seed") { Description = "the first seed", DefaultValueFactory = _ => 1 };
        var hosts = new Option<int>("--hosts") { Description = "hosts in each random fleet", DefaultValueFactory = _ => 50 };
        var write = new Option<string?>("--write-failing") { Description = "write the scenario of each failing seed into this folder (soak-seed-N.yaml), to replay with `vigil drill run`" };
        var command = new Command(
            "soak",
            "Run many random scenarios (fleets, faults and responders) over long virtual periods with every guardrail on, and check the "
            + "invariants of each. A failing seed is printed with the command that replays it. Exit 0 when every invariant held for every seed, 1 otherwise.")
        { days, seeds, first, hosts, write };
        command.SetAction(parse =>
        {
            var (d, n, f, h) = (parse.GetValue(days), parse.GetValue(seeds), parse.GetValue(first), parse.GetValue(hosts));
            if (d < 1 || n < 1 || h < 5)
            {
                Console.Error.WriteLine("vigil: error: --days and --seeds must be at least 1, --hosts at least 5");
                return 2;
            }
            var folder = parse.GetValue(write);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcomes = SoakRunner.Run(f, n, d, h, o =>
            {
                var speed = d * 86400 / Math.Max(o.Wall.TotalSeconds, 0.001);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seed {o.Seed}: {(o.Holds ? "invariants hold" : "INVARIANT BROKEN")}; {o.Result.CustomerMinutesLost:0.#} customer-minutes lost, {o.Result.PagesSent} pages, {o.Result.Guardrails.Count} guardrails; {o.Wall.TotalSeconds:0.0} s ({speed:0}x real time)"));
                foreach (var broken in o.Result.Invariants.Where(i => !i.Holds))
                {
                    Console.Out.WriteLine($"  broken: {broken.Name}: {broken.First}");
                }
                if (!o.Holds)
                {
                    var path = folder is null ? null : Path.Combine(folder, $"soak-seed-{o.Seed}.yaml");
                    if (path is not null)
                    {
                        Directory.CreateDirectory(folder!);
                        File.WriteAllText(path, o.Yaml);
                    }
                    Console.Out.WriteLine(path is null
                        ? $"  replay: vigil drill soak --first-seed {o.Seed} --seeds 1 --days {d} --hosts {h} --write-failing DIR"
                        : $"  replay: vigil drill run {path}");
                }
            });
            var failed = outcomes.Count(o => !o.Holds);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n} seed(s) × {d} day(s) × {h} hosts: {n - failed} held every invariant, {failed} broke one; {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
