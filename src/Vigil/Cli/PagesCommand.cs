using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil pages [--state S]</c> lists pages (GET /api/v1/pages); <c>vigil ack ID</c> and <c>vigil resolve ID</c>
/// acknowledge or resolve one (POST /api/v1/pages/ID/ack|resolve).
/// </summary>
internal static class PagesCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var state = new Option<string?>("--state") { Description = "only pages in this state: triggered, acknowledged or resolved" };
        var command = new Command("pages", "List pages, newest first (GET /api/v1/pages).") { state };
        client.AddTo(command);
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/pages" + (parse.GetValue(state) is { } s ? "?state=" + Uri.EscapeDataString(s) : ""), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("ID", "State", "Title", "Policy", "Level", "Opened", "Acknowledged by");
            foreach (var p in JsonNode.Parse(json)!.AsArray())
            {
                table.AddRow(
                    Markup.Escape(p!["id"]!.ToString()),
                    Markup.Escape(p["state"]!.ToString()),
                    Markup.Escape(p["title"]!.ToString()),
                    Markup.Escape(p["policy"]!.ToString()),
                    Markup.Escape(p["level"]!.ToString()),
                    Markup.Escape(p["createdAt"]?.ToString() ?? ""),
                    Markup.Escape(p["acknowledgedBy"]?.ToString() ?? ""));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    public static Command CreateAck() => Change("ack", "ack", "Acknowledge a page (POST /api/v1/pages/ID/ack).");

    public static Command CreateResolve() => Change("resolve", "resolve", "Resolve a page (POST /api/v1/pages/ID/resolve).");

    private static Command Change(string name, string action, string description)
    {
        var client = new ClientOptions();
        var id = new Argument<long>("id") { Description = "the page's id (from vigil pages)" };
        var command = new Command(name, description) { id };
        client.AddTo(command);
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.PostJsonAsync($"api/v1/pages/{parse.GetValue(id)}/{action}", new JsonObject(), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var page = JsonNode.Parse(json)!;
            Console.WriteLine($"page {page["id"]} is {page["state"]}");
        }));
        return command;
    }
}
