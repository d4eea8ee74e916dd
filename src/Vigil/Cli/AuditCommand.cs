using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary><c>vigil audit [--type silence|maintenance] [--id ID] [--limit N]</c>: who changed what, newest first.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var type = new Option<string?>("--type") { Description = "only this kind of object (e.g. silence, maintenance)" };
        var id = new Option<string?>("--id") { Description = "only this object" };
        var limit = new Option<int>("--limit") { Description = "how many entries", DefaultValueFactory = _ => 50 };
        var command = new Command("audit", "Show the audit log (GET /api/v1/audit).") { type, id, limit };
        client.AddTo(command);
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var query = $"limit={parse.GetValue(limit)}";
            if (parse.GetValue(type) is { } t) { query += "&type=" + Uri.EscapeDataString(t); }
            if (parse.GetValue(id) is { } i) { query += "&id=" + Uri.EscapeDataString(i); }
            var json = await c.GetAsync("api/v1/audit?" + query, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("At", "Actor", "Client", "Action", "Object");
            foreach (var e in JsonNode.Parse(json)!.AsArray())
            {
                table.AddRow(
                    Markup.Escape(e!["at"]?.ToString() ?? ""),
                    Markup.Escape(e["actor"]?.ToString() ?? ""),
                    Markup.Escape(e["client"]?.ToString() ?? ""),
                    Markup.Escape(e["action"]?.ToString() ?? ""),
                    Markup.Escape($"{e["objectType"]} {e["objectId"]}"));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }
}
