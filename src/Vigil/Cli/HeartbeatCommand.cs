using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary><c>vigil heartbeat add|ls|rm</c>: dead-man switches (<c>/api/v1/heartbeats</c>).</summary>
internal static class HeartbeatCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("heartbeat", "Heartbeats: URLs a cron job or batch pings; silence from one is an alert.");
        client.AddTo(command);
        command.Subcommands.Add(CreateAdd(client));
        command.Subcommands.Add(CreateList(client));
        command.Subcommands.Add(CreateRemove(client));
        return command;
    }

    private static Command CreateAdd(ClientOptions client)
    {
        var name = new Argument<string>("name") { Description = "unique name (the alert's heartbeat label)" };
        var period = new Option<string?>("--period") { Description = "expected time between pings, e.g. 1h (or give --cron)" };
        var cron = new Option<string?>("--cron") { Description = "five-field cron of when pings are expected, e.g. '0 2 * * *'" };
        var zone = new Option<string?>("--time-zone") { Description = "IANA zone the cron is read in (default UTC)" };
        var grace = new Option<string?>("--grace") { Description = "how late a ping may be, and how long a started run may take (default 5m)" };
        var labels = new Option<string[]>("--label", "-l") { Description = "a label of its alerts as name=value (repeatable)" };
        var command = new Command("add", "Create a heartbeat; prints its ping URL.") { name, period, cron, zone, grace, labels };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var body = new JsonObject
            {
                ["name"] = parse.GetValue(name),
                ["period"] = parse.GetValue(period),
                ["cron"] = parse.GetValue(cron),
                ["timeZone"] = parse.GetValue(zone),
                ["grace"] = parse.GetValue(grace),
                ["labels"] = AlertsCommand.ToObject(parse.GetValue(labels) ?? [], "label"),
            };
            var json = await c.PostJsonAsync("api/v1/heartbeats", body, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var hb = JsonNode.Parse(json)!;
            Console.WriteLine($"created heartbeat {hb["name"]}; ping {hb["pingUrl"]} (start: /start, failure: /fail)");
        }));
        return command;
    }

    private static Command CreateList(ClientOptions client)
    {
        var command = new Command("ls", "List heartbeats with their state and last pings.");
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/heartbeats", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("Name", "Schedule", "Grace", "State", "Last ping", "Reason", "Ping URL");
            var list = JsonNode.Parse(json)!.AsArray();
            foreach (var hb in list)
            {
                var schedule = hb!["cron"] is { } cron ? $"{cron} ({hb["timeZone"]})" : $"every {hb["period"]}";
                table.AddRow(
                    Markup.Escape(hb["name"]!.ToString()),
                    Markup.Escape(schedule),
                    Markup.Escape(hb["grace"]!.ToString()),
                    hb["state"]!.ToString() == "up" ? "[green]up[/]" : $"[red]{Markup.Escape(hb["state"]!.ToString())}[/]",
                    Markup.Escape(hb["lastPingAt"]?.ToString() ?? "never"),
                    Markup.Escape(hb["reason"]?.ToString() ?? ""),
                    Markup.Escape(hb["pingUrl"]!.ToString()));
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"{list.Count} heartbeat(s)");
            if (list.Any(hb => hb!["id"]?.ToString() == "<secret>"))
            {
                Console.WriteLine("ping URLs are secrets: they are shown to write and admin tokens only");
            }
        }));
        return command;
    }

    private static Command CreateRemove(ClientOptions client)
    {
        var key = new Argument<string>("heartbeat") { Description = "its name or id" };
        var command = new Command("rm", "Delete a heartbeat made through the API (its alert resolves).") { key };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            await c.DeleteAsync("api/v1/heartbeats/" + Uri.EscapeDataString(parse.GetValue(key)!), ct);
            Console.WriteLine($"deleted heartbeat {parse.GetValue(key)}");
        }));
        return command;
    }
}
