using System.CommandLine;
using System.Text.Json.Nodes;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil secrets rotate [--name page-links|ical|vendor-links|all]</c> (needs an admin token): the running server replaces the keys
/// that sign acknowledge/resolve links and iCalendar feed URLs, so those issued before stop working at once.
/// </summary>
internal static class SecretsCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var name = new Option<string>("--name")
        {
            Description = "page-links (acknowledge/resolve links in notifications), ical (calendar feed URLs), vendor-links (acknowledge links sent to vendors) or all",
            DefaultValueFactory = _ => "all",
        };
        name.AcceptOnlyFromAmong("page-links", "ical", "vendor-links", "all");
        var rotate = new Command("rotate", "Replace link-signing keys on the running server; links and feed URLs issued before stop working at once.") { name };
        client.AddTo(rotate);
        rotate.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.PostJsonAsync("api/v1/secrets/rotate", new JsonObject { ["name"] = parse.GetValue(name) }, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var rotated = JsonNode.Parse(json)!["rotated"]!.AsArray().Select(n => n!.ToString()).ToList();
            Console.WriteLine($"rotated {string.Join(", ", rotated)}");
            if (rotated.Contains("page-links"))
            {
                Console.WriteLine("  acknowledge/resolve links sent before now no longer work; new notifications carry new ones");
            }
            if (rotated.Contains("ical"))
            {
                Console.WriteLine("  calendar feed URLs changed: get the new ones with GET /api/v1/schedules/NAME/ical or /api/v1/people/NAME/ical");
            }
        }));
        var command = new Command("secrets", "Manage the server's own keys (link signing, calendar feeds).");
        command.Subcommands.Add(rotate);
        return command;
    }
}
