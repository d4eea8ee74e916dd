using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary><c>vigil oncall now|shifts|gaps|override</c>: schedules (<c>/api/v1/oncall</c>, <c>/api/v1/schedules</c>).</summary>
internal static class OncallCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("oncall", "On-call schedules: who is on call, final shifts, coverage gaps, overrides.");
        client.AddTo(command);
        command.Subcommands.Add(CreateNow(client));
        command.Subcommands.Add(CreateShifts(client));
        command.Subcommands.Add(CreateGaps(client));
        command.Subcommands.Add(OverrideCommand.Create(client));
        return command;
    }

    private static Command CreateNow(ClientOptions client)
    {
        var schedule = new Option<string?>("--schedule", "-s") { Description = "only this schedule (default: all)" };
        var at = new Option<string?>("--at") { Description = "an RFC 3339 time (default: now)" };
        var command = new Command("now", "Who is on call now, or at --at.") { schedule, at };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var query = Query(("schedule", parse.GetValue(schedule)), ("at", parse.GetValue(at)));
            var json = await c.GetAsync("api/v1/oncall" + query, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("Schedule", "On call", "Layer", "Until (local)");
            foreach (var row in JsonNode.Parse(json)!.AsArray())
            {
                var shift = row!["shift"];
                table.AddRow(
                    Markup.Escape(row["schedule"]!.ToString()),
                    Markup.Escape(shift?["person"]?.ToString() ?? "nobody"),
                    Markup.Escape(shift?["layer"]?.ToString() ?? ""),
                    Markup.Escape(shift?["toLocal"]?.ToString() ?? ""));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command CreateShifts(ClientOptions client)
    {
        var schedule = new Option<string>("--schedule", "-s") { Description = "the schedule", Required = true };
        var from = new Option<string?>("--from") { Description = "RFC 3339 start (default: now)" };
        var to = new Option<string?>("--to") { Description = "RFC 3339 end (default: a week after the start)" };
        var zone = new Option<string?>("--zone") { Description = "IANA zone to show local times in (default: the schedule's)" };
        var command = new Command("shifts", "The final shifts of a schedule in a range.") { schedule, from, to, zone };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var path = $"api/v1/schedules/{Uri.EscapeDataString(parse.GetValue(schedule)!)}/shifts" +
                Query(("from", parse.GetValue(from)), ("to", parse.GetValue(to)), ("zone", parse.GetValue(zone)));
            var json = await c.GetAsync(path, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var result = JsonNode.Parse(json)!;
            var table = new Table().AddColumns("Person", "From", "To", "Layer");
            foreach (var s in result["shifts"]!.AsArray())
            {
                table.AddRow(Markup.Escape(s!["person"]!.ToString()), Markup.Escape(s["fromLocal"]!.ToString()),
                    Markup.Escape(s["toLocal"]!.ToString()), Markup.Escape(s["layer"]!.ToString()));
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"{result["shifts"]!.AsArray().Count} shift(s) in {result["schedule"]}, times in {result["zone"]}");
        }));
        return command;
    }

    private static Command CreateGaps(ClientOptions client)
    {
        var schedule = new Option<string[]>("--schedule", "-s") { Description = "a schedule (repeatable; default: all)" };
        var from = new Option<string?>("--from") { Description = "RFC 3339 start (default: now)" };
        var to = new Option<string?>("--to") { Description = "RFC 3339 end (default: a week after the start)" };
        var zone = new Option<string?>("--zone") { Description = "IANA zone to show gaps in (default: each schedule's)" };
        var command = new Command("gaps", "Every span in a range when nobody is on call.") { schedule, from, to, zone };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var pairs = (parse.GetValue(schedule) ?? []).Select(s => ("schedule", (string?)s))
                .Append(("from", parse.GetValue(from))).Append(("to", parse.GetValue(to))).Append(("zone", parse.GetValue(zone)));
            var json = await c.GetAsync("api/v1/oncall/gaps" + Query([.. pairs]), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            foreach (var s in JsonNode.Parse(json)!.AsArray())
            {
                var gaps = s!["gaps"]!.AsArray();
                Console.WriteLine(gaps.Count == 0
                    ? $"{s["schedule"]}: covered from {s["from"]} to {s["to"]}"
                    : $"{s["schedule"]}: {gaps.Count} gap(s), {s["uncovered"]} uncovered");
                foreach (var g in gaps)
                {
                    Console.WriteLine($"  {g!["text"]}");
                }
            }
        }));
        return command;
    }

    internal static string Query(params (string Key, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => p.Value is { Length: > 0 }).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
