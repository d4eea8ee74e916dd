using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>How the CLI shows a plan run and a dry run.</summary>
internal static class PlanRunView
{
    /// <summary>States after which following stops: final, or waiting for a person.</summary>
    public static bool Stops(string state) => state is "succeeded" or "aborted" or "halted" or "paused";

    public static string State(string state) => state switch
    {
        "succeeded" => "[green]succeeded[/]",
        "running" => "[blue]running[/]",
        "paused" => "[yellow]paused[/]",
        _ => $"[red]{Markup.Escape(state)}[/]",
    };

    public static void Print(JsonNode run)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(run["id"]!.ToString())}[/] plan {Markup.Escape(run["plan"]!.ToString())}: {State(run["state"]!.ToString())}, " +
            $"batch {run["batch"]}/{run["batches"]}, failed {run["failCount"]} (max_fail {run["maxFail"]})");
        if (run["pauseReason"] is { } pause)
        {
            AnsiConsole.MarkupLine($"  paused: {Markup.Escape(pause.ToString())}  (vigil plan resume {Markup.Escape(run["id"]!.ToString())})");
        }
        if (run["halt"] is { } halt)
        {
            AnsiConsole.MarkupLine($"  [red]halted[/] on {Markup.Escape(halt["host"]!.ToString())} at {Markup.Escape(halt["stepName"]!.ToString())}: {Markup.Escape(halt["reason"]!.ToString())}");
            foreach (var f in halt["failures"]!.AsArray())
            {
                AnsiConsole.MarkupLine($"    - {Markup.Escape(f!.ToString())}");
            }
            AnsiConsole.MarkupLine("  then one of: " + Markup.Escape(string.Join(" | ", halt["commands"]!.AsArray().Select(x => x!.ToString()))));
        }
        var table = new Table().AddColumns("BATCH", "HOST", "STEP", "STATUS", "STARTED", "ENDED", "WHY");
        foreach (var h in run["hosts"]!.AsArray())
        {
            foreach (var r in h!["results"]!.AsArray())
            {
                table.AddRow(h["batch"]!.ToString(), Markup.Escape(h["host"]!.ToString()), Markup.Escape(r!["name"]!.ToString()), Markup.Escape(r["status"]!.ToString()),
                    Markup.Escape(r["startedAt"]!.ToString()), Markup.Escape(r["endedAt"]?.ToString() ?? "-"), Markup.Escape(r["reason"]!.ToString()));
            }
        }
        AnsiConsole.Write(table);
    }

    public static void PrintDryRun(JsonNode dry)
    {
        AnsiConsole.MarkupLine($"[bold]dry run[/] of plan {Markup.Escape(dry["plan"]!.ToString())}: nothing was changed");
        var batches = dry["batches"]!.AsArray();
        for (var i = 0; i < batches.Count; i++)
        {
            AnsiConsole.MarkupLine($"  batch {i + 1}: {Markup.Escape(string.Join(", ", batches[i]!.AsArray().Select(h => h!.ToString())))}");
        }
        AnsiConsole.MarkupLine("  steps: " + Markup.Escape(string.Join(" → ", dry["steps"]!.AsArray().Select(s => s!.ToString()))));
        if (dry["window"] is { } window)
        {
            AnsiConsole.MarkupLine("  " + Markup.Escape(window.ToString()));
        }
        var table = new Table().AddColumns("BATCH", "HOST", "GATE", "NOW", "WHY");
        foreach (var g in dry["gates"]!.AsArray())
        {
            var verdict = g!["verdict"]!.ToString();
            table.AddRow(g["batch"]!.ToString(), Markup.Escape(g["host"]!.ToString()), Markup.Escape(g["name"]!.ToString()),
                verdict == "passed" ? "[green]passes[/]" : verdict == "failed" ? "[red]refused[/]" : "[yellow]inconclusive[/]", Markup.Escape(g["reason"]!.ToString()));
        }
        AnsiConsole.Write(table);
        var refused = dry["wouldRefuse"]!.AsArray();
        AnsiConsole.MarkupLine(refused.Count == 0 ? "[green]every gate passes now[/]" : $"[red]{refused.Count} gate(s) would refuse now[/]");
    }
}
