using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary><c>vigil probes [NAME]</c>: the configured probes, their state and last result (<c>/api/v1/probes</c>).</summary>
internal static class ProbesCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var name = new Argument<string?>("name") { Description = "show one probe in full", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("probes", "List probes (http, tcp, dns) with their state and last result.") { name };
        client.AddTo(command);
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            if (parse.GetValue(name) is { } one)
            {
                var probe = JsonNode.Parse(await c.GetAsync("api/v1/probes/" + Uri.EscapeDataString(one), ct))!;
                Console.WriteLine(probe.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return;
            }
            var json = await c.GetAsync("api/v1/probes", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("Name", "Kind", "Target", "State", "Since", "Last run", "Took", "Reason");
            var probes = JsonNode.Parse(json)!.AsArray();
            foreach (var p in probes)
            {
                var last = p!["lastResult"];
                table.AddRow(
                    Markup.Escape(p["name"]!.ToString()),
                    Markup.Escape(p["kind"]!.ToString()),
                    Markup.Escape(p["target"]!.ToString()),
                    p["state"]!.ToString() switch { "down" => "[red]down[/]", "up" => "[green]up[/]", var s => Markup.Escape(s) },
                    Markup.Escape(p["since"]?.ToString() ?? ""),
                    Markup.Escape(p["lastRunAt"]?.ToString() ?? ""),
                    last is null ? "" : $"{last["durationSeconds"]!.GetValue<double>() * 1000:0} ms",
                    Markup.Escape(last?["reason"]?.ToString() ?? ""));
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"{probes.Count} probe(s), {probes.Count(p => p!["state"]!.ToString() == "down")} down");
        }));
        return command;
    }
}
