using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary><c>vigil action add|ls|done</c>: an incident's action items over <c>/api/v1/actions</c>.</summary>
internal static class ActionItemCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("action", "Action items of incidents: the corrective and preventative measures a postmortem lists.");
        client.AddTo(command);
        command.Subcommands.Add(CreateAdd(client));
        command.Subcommands.Add(CreateList(client));
        command.Subcommands.Add(CreateDone(client));
        return command;
    }

    private static Command CreateAdd(ClientOptions client)
    {
        var incident = IncidentCommand.IdArgument();
        var text = new Argument<string>("text") { Description = "what will be done, in one line" };
        var owner = new Option<string>("--owner") { Description = "who owns it", Required = true };
        var due = new Option<string?>("--due") { Description = "due date, YYYY-MM-DD" };
        var command = new Command("add", "Add an action item to an incident (POST /api/v1/actions; audited, on the timeline).") { incident, text, owner, due };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var body = new JsonObject { ["incident"] = parse.GetValue(incident), ["text"] = parse.GetValue(text), ["owner"] = parse.GetValue(owner) };
            IncidentCommand.Set(body, "due", parse.GetValue(due));
            IncidentCommand.Print(parse, client, await c.PostJsonAsync("api/v1/actions", body, ct), a => $"action item {a["id"]} added to incident {a["incident"]}");
        }));
        return command;
    }

    private static Command CreateList(ClientOptions client)
    {
        var incident = new Option<long?>("--incident") { Description = "only this incident's items" };
        var open = new Option<bool>("--open") { Description = "only items not done" };
        var command = new Command("ls", "List action items, oldest first (GET /api/v1/actions).") { incident, open };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var query = new List<string>();
            if (parse.GetValue(incident) is { } i) { query.Add($"incident={i}"); }
            if (parse.GetValue(open)) { query.Add("state=open"); }
            var json = await c.GetAsync("api/v1/actions" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("ID", "Incident", "State", "Owner", "Due", "Text");
            foreach (var a in JsonNode.Parse(json)!.AsArray())
            {
                table.AddRow(Markup.Escape(a!["id"]!.ToString()), Markup.Escape(a["incident"]!.ToString()), Markup.Escape(a["state"]!.ToString()),
                    Markup.Escape(a["owner"]!.ToString()), Markup.Escape(a["due"]?.ToString() ?? ""), Markup.Escape(a["text"]!.ToString()));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command CreateDone(ClientOptions client)
    {
        var id = new Argument<long>("id") { Description = "the action item's id (from vigil action ls)" };
        var command = new Command("done", "Mark an action item done (POST /api/v1/actions/ID/done; audited, on the timeline).") { id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
            IncidentCommand.Print(parse, client, await c.PostJsonAsync($"api/v1/actions/{parse.GetValue(id)}/done", new JsonObject(), ct),
                a => $"action item {a["id"]} done")));
        return command;
    }
}
