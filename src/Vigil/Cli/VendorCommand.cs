using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil vendor ls|ticket|tickets|ack|engaged|resolve</c>: vendors from <c>vendors:</c> and the tickets opened with
/// them (<c>/api/v1/vendors</c>, <c>/api/v1/incidents/ID/vendor-tickets</c>, <c>/api/v1/vendor-tickets/ID/…</c>).
/// </summary>
internal static class VendorCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("vendor", "Vendors and the tickets opened with them for incidents.");
        client.AddTo(command);
        command.Subcommands.Add(CreateList(client));
        command.Subcommands.Add(CreateTicket(client));
        command.Subcommands.Add(CreateTickets(client));
        command.Subcommands.Add(Move(client, "ack", "ack", "Record that the vendor acknowledged a ticket (POST /api/v1/vendor-tickets/ID/ack)."));
        command.Subcommands.Add(Move(client, "engaged", "engaged", "Record that the vendor is engaged (on site or working the case) (POST /api/v1/vendor-tickets/ID/engaged)."));
        command.Subcommands.Add(Move(client, "resolve", "resolve", "Record that the vendor's work is done (POST /api/v1/vendor-tickets/ID/resolve)."));
        return command;
    }

    private static Command CreateList(ClientOptions client)
    {
        var command = new Command("ls", "List the configured vendors and their promises (GET /api/v1/vendors).");
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/vendors", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("Name", "Channel", "Address", "Response within", "On site within");
            foreach (var v in JsonNode.Parse(json)!.AsArray())
            {
                table.AddRow(Markup.Escape(v!["name"]!.ToString()), Markup.Escape(v["channel"]!.ToString()), Markup.Escape(v["address"]!.ToString()),
                    Markup.Escape(v["responseWithin"]?.ToString() ?? "-"), Markup.Escape(v["onSiteWithin"]?.ToString() ?? "-"));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command CreateTicket(ClientOptions client)
    {
        var incident = IncidentCommand.IdArgument();
        var vendor = new Option<string>("--vendor") { Description = "the vendor's name (from vigil vendor ls)", Required = true };
        var summary = new Option<string>("--summary") { Description = "what the vendor is asked to do", Required = true };
        var command = new Command("ticket", "Open a ticket with a vendor for an incident; it is sent to the vendor with a link to acknowledge it (POST /api/v1/incidents/ID/vendor-tickets).")
        {
            incident, vendor, summary,
        };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var body = new JsonObject { ["vendor"] = parse.GetValue(vendor), ["summary"] = parse.GetValue(summary) };
            IncidentCommand.Print(parse, client, await c.PostJsonAsync($"api/v1/incidents/{parse.GetValue(incident)}/vendor-tickets", body, ct), Line);
        }));
        return command;
    }

    private static Command CreateTickets(ClientOptions client)
    {
        var incident = IncidentCommand.IdArgument();
        var command = new Command("tickets", "List an incident's vendor tickets (GET /api/v1/incidents/ID/vendor-tickets).") { incident };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync($"api/v1/incidents/{parse.GetValue(incident)}/vendor-tickets", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            foreach (var t in JsonNode.Parse(json)!.AsArray())
            {
                Console.WriteLine(Line(t!));
            }
        }));
        return command;
    }

    private static Command Move(ClientOptions client, string name, string action, string description)
    {
        var id = new Argument<long>("ticket") { Description = "the ticket's id (from vigil vendor tickets INCIDENT)" };
        var command = new Command(name, description) { id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
            IncidentCommand.Print(parse, client, await c.PostJsonAsync($"api/v1/vendor-tickets/{parse.GetValue(id)}/{action}", new JsonObject(), ct), Line)));
        return command;
    }

    private static string Line(JsonNode t)
    {
        var missed = new[] { t["responseMissed"]?.GetValue<bool>() == true ? "response deadline missed" : null, t["onSiteMissed"]?.GetValue<bool>() == true ? "on-site deadline missed" : null }
            .OfType<string>().ToList();
        return $"ticket {t["id"]} ({t["vendor"]}, incident {t["incident"]}): {t["state"]} — {t["summary"]}" + (missed.Count > 0 ? $" [{string.Join(", ", missed)}]" : "");
    }
}
