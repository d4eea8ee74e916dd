using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary><c>vigil maint add|ls|show|end|done</c>: maintenance windows (<c>/api/v1/maintenance</c>).</summary>
internal static class MaintCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("maint", "Maintenance windows: mute the expected signals of planned work, re-raise what outlives it.");
        client.AddTo(command);
        command.Subcommands.Add(CreateAdd(client));
        command.Subcommands.Add(CreateList(client));
        command.Subcommands.Add(CreateShow(client));
        command.Subcommands.Add(CreateAction(client, "end", "End a window now; alerts it muted that still fire are raised again as critical."));
        command.Subcommands.Add(CreateAction(client, "done", "Mark the window's work done (no warning before its end unless muted alerts still fire)."));
        return command;
    }

    private static Command CreateAdd(ClientOptions client)
    {
        var targets = new Option<string[]>("--target") { Description = "what the work is about, e.g. 'host=\"lb-1\"' (repeatable; any may match)", Required = true };
        var expected = new Option<string[]>("--expect") { Description = "signals the work is expected to cause, e.g. 'alertname=~\"HostDown|HostRebooting\"' (repeatable)", Required = true };
        var start = new Option<string>("--start") { Description = "now or an RFC 3339 time", DefaultValueFactory = _ => "now" };
        var end = new Option<string?>("--end") { Description = "RFC 3339 end (or give --duration)" };
        var duration = new Option<string?>("--duration") { Description = "length, e.g. 2h (each occurrence's length with --cron)" };
        var cron = new Option<string?>("--cron") { Description = "recurring: five-field cron, e.g. '0 2 * * SUN'" };
        var zone = new Option<string?>("--time-zone") { Description = "recurring: IANA zone the cron is read in, e.g. Europe/Berlin" };
        var watcher = new Option<string>("--watcher") { Description = "who watches the work", Required = true };
        var backup = new Option<string>("--backup") { Description = "who takes over if the watcher cannot", Required = true };
        var announcement = new Option<string?>("--announcement") { Description = "what is being done, for people and the status page" };
        var schedule = new Option<string?>("--schedule") { Description = "the schedule the watcher must be on call in (default: maintenance.watcher_schedule)" };
        var assign = new Option<bool>("--assign") { Description = "put the watcher on call (overrides) where the schedule does not have them for the window" };
        var command = new Command("add", "Create a maintenance window.") { targets, expected, start, end, duration, cron, zone, watcher, backup, announcement, schedule, assign };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var body = new JsonObject
            {
                ["targets"] = new JsonArray([.. (parse.GetValue(targets) ?? []).Select(t => (JsonNode)t)]),
                ["expected"] = new JsonArray([.. (parse.GetValue(expected) ?? []).Select(e => (JsonNode)e)]),
                ["start"] = parse.GetValue(start),
                ["end"] = parse.GetValue(end),
                ["duration"] = parse.GetValue(duration),
                ["cron"] = parse.GetValue(cron),
                ["timeZone"] = parse.GetValue(zone),
                ["watcher"] = parse.GetValue(watcher),
                ["backup"] = parse.GetValue(backup),
                ["announcement"] = parse.GetValue(announcement),
                ["schedule"] = parse.GetValue(schedule),
                ["assign"] = parse.GetValue(assign),
            };
            Print(client, parse, await c.PostJsonAsync("api/v1/maintenance", body, ct), "created");
        }));
        return command;
    }

    private static Command CreateList(ClientOptions client)
    {
        var state = new Option<string?>("--state") { Description = "only active, upcoming or ended windows" };
        var command = new Command("ls", "List maintenance windows.") { state };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var query = parse.GetValue(state) is { } s ? "?state=" + Uri.EscapeDataString(s) : "";
            var json = await c.GetAsync("api/v1/maintenance" + query, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("Id", "State", "Start", "End", "Watcher", "Targets", "Announcement");
            var windows = JsonNode.Parse(json)!.AsArray();
            foreach (var w in windows)
            {
                var span = w!["currentOccurrence"] ?? w["nextOccurrence"];
                table.AddRow(
                    Markup.Escape(w["id"]!.ToString()),
                    Markup.Escape(w["state"]!.ToString()),
                    Markup.Escape(span?["start"]?.ToString() ?? w["start"]?.ToString() ?? ""),
                    Markup.Escape(span?["end"]?.ToString() ?? w["endedAt"]?.ToString() ?? w["end"]?.ToString() ?? ""),
                    Markup.Escape($"{w["watcher"]} / {w["backup"]}"),
                    Markup.Escape(string.Join(" | ", w["targets"]!.AsArray().Select(t => t!.ToString()))),
                    Markup.Escape(w["announcement"]?.ToString() ?? ""));
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"{windows.Count} window(s)");
        }));
        return command;
    }

    private static Command CreateShow(ClientOptions client)
    {
        var id = new Argument<string>("id") { Description = "the window's id" };
        var command = new Command("show", "Show one window and its events.") { id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var path = "api/v1/maintenance/" + Uri.EscapeDataString(parse.GetValue(id)!);
            var window = JsonNode.Parse(await c.GetAsync(path, ct))!.AsObject();
            window["events"] = JsonNode.Parse(await c.GetAsync(path + "/events", ct));
            Console.WriteLine(window.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }));
        return command;
    }

    private static Command CreateAction(ClientOptions client, string action, string description)
    {
        var id = new Argument<string>("id") { Description = "the window's id" };
        var command = new Command(action, description) { id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.PostJsonAsync($"api/v1/maintenance/{Uri.EscapeDataString(parse.GetValue(id)!)}/{action}", new JsonObject(), ct);
            Print(client, parse, json, action == "end" ? "ended" : "marked done");
        }));
        return command;
    }

    private static void Print(ClientOptions client, ParseResult parse, string json, string what)
    {
        if (client.WantsJson(parse))
        {
            Console.WriteLine(json);
            return;
        }
        var w = JsonNode.Parse(json)!;
        var span = w["currentOccurrence"] ?? w["nextOccurrence"];
        var when = span is null ? "" : $" ({span["start"]} – {span["end"]})";
        Console.WriteLine($"{what} maintenance window {w["id"]}: {w["state"]}{when}");
        if (w["watcherCheck"] is { } check)
        {
            if (check["result"]?.ToString() == "watcher_unchecked")
            {
                Console.WriteLine($"watcher not checked: {check["reason"]}");
            }
            foreach (var o in check["assigned"]?.AsArray() ?? [])
            {
                Console.WriteLine($"put {o!["person"]} on call in schedule {o["schedule"]}: {o["from"]} – {o["to"]} (override {o["id"]})");
            }
        }
    }
}
