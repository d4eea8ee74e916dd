using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary><c>vigil oncall override add|ls|rm</c>: overrides made through <c>/api/v1/schedules/{name}/overrides</c>.</summary>
internal static class OverrideCommand
{
    public static Command Create(ClientOptions client)
    {
        var command = new Command("override", "Overrides: put someone on call in a schedule for a while, over every layer.");
        command.Subcommands.Add(CreateAdd(client));
        command.Subcommands.Add(CreateList(client));
        command.Subcommands.Add(CreateRemove(client));
        return command;
    }

    private static Command CreateAdd(ClientOptions client)
    {
        var schedule = new Option<string>("--schedule", "-s") { Description = "the schedule", Required = true };
        var person = new Option<string>("--person") { Description = "who is on call instead", Required = true };
        var from = new Option<string>("--from") { Description = "RFC 3339 start", Required = true };
        var to = new Option<string>("--to") { Description = "RFC 3339 end", Required = true };
        var note = new Option<string?>("--note") { Description = "why" };
        var command = new Command("add", "Create an override.") { schedule, person, from, to, note };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var body = new JsonObject
            {
                ["person"] = parse.GetValue(person),
                ["from"] = parse.GetValue(from),
                ["to"] = parse.GetValue(to),
                ["note"] = parse.GetValue(note),
            };
            var json = await c.PostJsonAsync($"api/v1/schedules/{Uri.EscapeDataString(parse.GetValue(schedule)!)}/overrides", body, ct);
            var o = JsonNode.Parse(json)!;
            Console.WriteLine(client.WantsJson(parse) ? json : $"created override {o["id"]}: {o["person"]} on call in {o["schedule"]} {o["from"]} – {o["to"]}");
        }));
        return command;
    }

    private static Command CreateList(ClientOptions client)
    {
        var schedule = new Option<string>("--schedule", "-s") { Description = "the schedule", Required = true };
        var command = new Command("ls", "List a schedule's overrides (config and API).") { schedule };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync($"api/v1/schedules/{Uri.EscapeDataString(parse.GetValue(schedule)!)}/overrides", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("Id", "Person", "From", "To", "Source", "Note");
            foreach (var o in JsonNode.Parse(json)!.AsArray())
            {
                table.AddRow(Markup.Escape(o!["id"]!.ToString()), Markup.Escape(o["person"]!.ToString()), Markup.Escape(o["from"]!.ToString()),
                    Markup.Escape(o["to"]!.ToString()), Markup.Escape(o["source"]!.ToString()), Markup.Escape(o["note"]?.ToString() ?? ""));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command CreateRemove(ClientOptions client)
    {
        var schedule = new Option<string>("--schedule", "-s") { Description = "the schedule", Required = true };
        var id = new Argument<string>("id") { Description = "the override's id" };
        var command = new Command("rm", "Delete an override made through the API.") { schedule, id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            await c.DeleteAsync($"api/v1/schedules/{Uri.EscapeDataString(parse.GetValue(schedule)!)}/overrides/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct);
            Console.WriteLine($"deleted override {parse.GetValue(id)}");
        }));
        return command;
    }
}
