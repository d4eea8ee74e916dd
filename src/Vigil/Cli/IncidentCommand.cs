using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil incident open|ls|show|update|note|assign|resolve|impact</c> over <c>/api/v1/incidents</c>; <c>--output json</c> prints
/// the server's JSON unchanged.
/// </summary>
internal static class IncidentCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("incident", "Open, follow and resolve incidents.");
        client.AddTo(command);
        command.Subcommands.Add(CreateOpen(client));
        command.Subcommands.Add(CreateList(client));
        command.Subcommands.Add(CreateShow(client));
        command.Subcommands.Add(IncidentUpdateCommand.Create(client));
        command.Subcommands.Add(CreateNote(client));
        command.Subcommands.Add(CreateAssign(client));
        command.Subcommands.Add(CreateResolve(client));
        command.Subcommands.Add(IncidentImpactCommand.Create(client));
        return command;
    }

    private static Command CreateOpen(ClientOptions client)
    {
        var title = new Argument<string>("title") { Description = "what is happening, in one line" };
        var severity = new Option<string>("--severity", "-s") { Description = "SEV1 (customers down) to SEV4", DefaultValueFactory = _ => "SEV3" };
        var commander = new Option<string?>("--commander") { Description = "the incident commander" };
        var summary = new Option<string?>("--summary") { Description = "what is known so far" };
        var links = new LinkOptions();
        var command = new Command("open", "Open an incident (POST /api/v1/incidents).") { title, severity, commander, summary };
        links.AddTo(command);
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var body = new JsonObject { ["title"] = parse.GetValue(title), ["severity"] = parse.GetValue(severity) };
            Set(body, "commander", parse.GetValue(commander));
            Set(body, "summary", parse.GetValue(summary));
            links.Fill(parse, body);
            Print(parse, client, await c.PostJsonAsync("api/v1/incidents", body, ct), i => $"incident {i["id"]} opened: {i["severity"]} {i["title"]}");
        }));
        return command;
    }

    private static Command CreateList(ClientOptions client)
    {
        var status = new Option<string?>("--status") { Description = "investigating, identified, monitoring or resolved" };
        var severity = new Option<string?>("--severity") { Description = "SEV1 to SEV4" };
        var open = new Option<bool>("--open") { Description = "only incidents not resolved" };
        var command = new Command("ls", "List incidents, newest first (GET /api/v1/incidents).") { status, severity, open };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var query = new List<string>();
            if (parse.GetValue(status) is { } s) { query.Add("status=" + Uri.EscapeDataString(s)); }
            if (parse.GetValue(severity) is { } v) { query.Add("severity=" + Uri.EscapeDataString(v)); }
            if (parse.GetValue(open)) { query.Add("open=true"); }
            var json = await c.GetAsync("api/v1/incidents" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("ID", "Severity", "Status", "Title", "Commander", "Opened");
            foreach (var i in JsonNode.Parse(json)!.AsArray())
            {
                table.AddRow(Markup.Escape(i!["id"]!.ToString()), Markup.Escape(i["severity"]!.ToString()), Markup.Escape(i["status"]!.ToString()),
                    Markup.Escape(i["title"]!.ToString()), Markup.Escape(i["commander"]?.ToString() ?? ""), Markup.Escape(i["openedAt"]!.ToString()));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command CreateShow(ClientOptions client)
    {
        var id = IdArgument();
        var command = new Command("show", "Show an incident: roles, times, links and timeline (GET /api/v1/incidents/ID).") { id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync($"api/v1/incidents/{parse.GetValue(id)}", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            IncidentPrinter.Print(JsonNode.Parse(json)!);
        }));
        return command;
    }

    private static Command CreateNote(ClientOptions client)
    {
        var id = IdArgument();
        var text = new Argument<string>("text") { Description = "the note, added to the timeline" };
        var command = new Command("note", "Add a note to an incident's timeline (POST /api/v1/incidents/ID/notes).") { id, text };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
            Print(parse, client, await c.PostJsonAsync($"api/v1/incidents/{parse.GetValue(id)}/notes", new JsonObject { ["text"] = parse.GetValue(text) }, ct),
                e => $"noted at {e["at"]}")));
        return command;
    }

    private static Command CreateAssign(ClientOptions client)
    {
        var id = IdArgument();
        var role = new Argument<string>("role") { Description = "commander, communications, or any other role name" };
        var person = new Argument<string>("person") { Description = "who takes the role (\"\" to unassign)" };
        var command = new Command("assign", "Give a role to a person (POST /api/v1/incidents/ID/roles; audited).") { id, role, person };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var body = new JsonObject { ["role"] = parse.GetValue(role), ["person"] = parse.GetValue(person) };
            Print(parse, client, await c.PostJsonAsync($"api/v1/incidents/{parse.GetValue(id)}/roles", body, ct),
                i => $"incident {i["id"]}: {parse.GetValue(role)} is {i["roles"]?[parse.GetValue(role)!]?.ToString() ?? "unassigned"}");
        }));
        return command;
    }

    private static Command CreateResolve(ClientOptions client)
    {
        var id = IdArgument();
        var summary = new Option<string?>("--summary") { Description = "the summary to keep" };
        var rootCause = new Option<string?>("--root-cause") { Description = "the root cause" };
        var command = new Command("resolve", "Resolve an incident (POST /api/v1/incidents/ID/resolve).") { id, summary, rootCause };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var body = new JsonObject();
            Set(body, "summary", parse.GetValue(summary));
            Set(body, "rootCause", parse.GetValue(rootCause));
            Print(parse, client, await c.PostJsonAsync($"api/v1/incidents/{parse.GetValue(id)}/resolve", body, ct), i => $"incident {i["id"]} resolved at {i["resolvedAt"]}");
        }));
        return command;
    }

    internal static Argument<long> IdArgument() => new("id") { Description = "the incident's id (from vigil incident ls)" };

    internal static void Set(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }

    internal static void Print(ParseResult parse, ClientOptions client, string json, Func<JsonNode, string> line) =>
        Console.WriteLine(client.WantsJson(parse) ? json : line(JsonNode.Parse(json)!));
}
