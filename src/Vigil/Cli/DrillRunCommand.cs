using System.CommandLine;
using Vigil.Drill.Run;
using Vigil.Server.Config;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil drill run FILE|builtin:NAME [--mode M] [--seed N] [--report md|json] [--out FILE]</c>: runs a scenario — a
/// fleet, faults and people — against Vigil's own logic on a virtual clock and reports what customers lost, how fast
/// each response came, every guardrail that acted and the invariants (docs/drills.md). Exit 0 when every invariant
/// holds and every expectation is met, 1 otherwise, 2 when the scenario is invalid.
/// </summary>
internal static class DrillRunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("SCENARIO") { Description = "a scenario file (YAML), or builtin:NAME (builtin:seed-2020-05-10)" };
        var mode = new Option<string?>("--mode") { Description = "one of the scenario's modes (builtin:seed-2020-05-10 has as-it-happened, with-vigil and both-fail)" };
        var seed = new Option<int?>("--seed") { Description = "the seed of the responders' random draws (default: the scenario's seed)" };
        var report = new Option<string>("--report") { Description = "md (default) or json", DefaultValueFactory = _ => "md" };
        report.AcceptOnlyFromAmong("md", "json");
        var output = new Option<string?>("--out") { Description = "write the report to this file instead of standard output" };
        var command = new Command(
            "run",
            "Replay an outage on a virtual clock: a simulated fleet, its faults and its people against Vigil's own routing, grouping, "
            + "silences, windows, escalation, plans, host monitoring and incidents. Reports time to detect, page, acknowledge, mitigate "
            + "and resolve, customer-minutes lost, every guardrail that acted, pages per person and channel, the incidents' postmortems "
            + "and the invariants. The same scenario and seed give the same report, byte for byte. Exit 0 when every invariant holds "
            + "and the scenario's expect block is met, 1 otherwise, 2 when the scenario is invalid.")
        { file, mode, seed, report, output };
        command.SetAction(parse =>
        {
            DrillResult result;
            try
            {
                result = DrillRunner.Run(DrillRunner.Load(parse.GetValue(file)!), parse.GetValue(mode), parse.GetValue(seed));
            }
            catch (Exception e) when (e is ConfigException or ArgumentException)
            {
                Console.Error.WriteLine("vigil: error: " + e.Message);
                return 2;
            }
            var text = DrillRunner.Render(result, parse.GetValue(report)!);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, text);
            }
            else
            {
                Console.Out.Write(text);
                Console.Out.Flush();
            }
            foreach (var broken in result.Invariants.Where(i => !i.Holds))
            {
                Console.Error.WriteLine($"vigil: invariant broken: {broken.Name}: {broken.First}");
            }
            foreach (var (expect, _, _) in result.Expectations.Where(e => !e.Met))
            {
                Console.Error.WriteLine($"vigil: expectation not met: {expect.Describe()}");
            }
            return result.ExitCode;
        });
        return command;
    }
}
