using System.CommandLine;
using Vigil.Drill.Notify;
using Vigil.Server.Config;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil drill notify FILE [--format text|json]</c>: the notifications Vigil would send for a configuration and a
/// stream of alerts, when, to whom and why (docs/drills.md). Exit 0; 1 when an <c>expect:</c> entry is not met; 2 when
/// the file or its configuration is invalid.
/// </summary>
internal static class DrillNotifyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "the drill file (YAML): config, alerts, silences, windows, expect" };
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command(
            "notify",
            "Predict the notifications Vigil would send for a stream of alerts, on a virtual clock: when, to which receiver and "
            + "integrations (and escalation policies), and why (group_wait, group_interval, repeat_interval, resolved), with what "
            + "silences, inhibition, maintenance windows and time intervals held back. The configuration is loaded as `vigil server "
            + "--config` loads it. Same file, same output. Exit 0; 1 when an expect entry is not met; 2 when the file is invalid.")
        { file, format };
        command.SetAction(parse =>
        {
            NotifyDrill drill;
            try
            {
                drill = NotifyDrillReader.ReadFile(parse.GetValue(file)!);
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine("vigil: error: " + e.Message);
                return 2;
            }
            var result = NotifyDrillRunner.Run(drill);
            Console.Out.Write(parse.GetValue(format) == "json" ? JsonReport.Render(result) : TextReport.Render(result));
            Console.Out.Flush();
            foreach (var failed in result.Expectations.Where(e => !e.Met))
            {
                Console.Error.WriteLine($"vigil: expectation not met: {failed.Expectation.Location}");
            }
            return result.AllMet ? 0 : 1;
        });
        return command;
    }
}
