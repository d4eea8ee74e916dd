using System.CommandLine;
using Vigil.Server.Config;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil config check FILE...</c>: loads each file offline with the loader the server uses at start and on reload,
/// and reports it in the layout and with the exit codes of <c>amtool check-config</c> (0 when every file loads, else 1).
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "configuration files to check", Arity = ArgumentArity.OneOrMore };
        var check = new Command(
            "check",
            "Check configuration files offline, like amtool check-config: each is loaded as the server loads it (templates: globs "
            + "relative to the file's folder) and reported as SUCCESS with what it holds, or FAILED with the file, line and key "
            + "of the error. Exit 0 when all load, 1 when any fails.")
        { files };
        check.SetAction(parse =>
        {
            var failed = 0;
            foreach (var file in parse.GetValue(files) ?? [])
            {
                failed += Check(file) ? 0 : 1;
            }
            Console.Out.Flush();
            if (failed == 0)
            {
                return 0;
            }
            Console.Error.WriteLine($"vigil: error: failed to validate {failed} file(s)");
            return 1;
        });
        var command = new Command("config", "Work with Vigil configuration files.");
        command.Subcommands.Add(check);
        return command;
    }

    private static bool Check(string file)
    {
        var output = Console.Out;
        output.Write($"Checking '{file}'");
        try
        {
            var config = ConfigLoader.LoadFile(file);
            output.WriteLine("  SUCCESS");
            output.WriteLine("Found:");
            foreach (var line in ConfigSummary.Lines(config))
            {
                output.WriteLine(line);
            }
            return true;
        }
        catch (ConfigException e)
        {
            output.WriteLine("  FAILED: " + e.Message);
            return false;
        }
        finally
        {
            output.WriteLine();
        }
    }
}
