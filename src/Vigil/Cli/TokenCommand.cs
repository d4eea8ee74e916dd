using System.CommandLine;
using System.Text.Json.Nodes;

namespace Vigil.Cli;

/// <summary><c>vigil token create --scope read|write|admin [--name N]</c> (needs an admin token).</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var scope = new Option<string>("--scope") { Description = "read, write or admin", DefaultValueFactory = _ => "read" };
        var name = new Option<string?>("--name") { Description = "a name for the token (shown in the audit log)" };
        var create = new Command("create", "Create an API token; it is printed once.") { scope, name };
        client.AddTo(create);
        create.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.PostJsonAsync("api/v1/tokens", new JsonObject { ["name"] = parse.GetValue(name), ["scope"] = parse.GetValue(scope) }, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var created = JsonNode.Parse(json)!;
            await Console.Error.WriteLineAsync($"created token '{created["name"]}' with scope {created["scope"]}; it is shown only once:");
            Console.WriteLine(created["token"]);
        }));
        var command = new Command("token", "Manage API tokens.");
        command.Subcommands.Add(create);
        return command;
    }
}
